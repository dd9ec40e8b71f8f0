/** The SQLite backend of pgqrs, for DSNs {@code sqlite:path}, {@code sqlite:///abs/path} and {@code sqlite::memory:}. */
module io.pgqrs.sqlite {
    exports io.pgqrs.sqlite to io.pgqrs.s3;
    requires io.pgqrs;
    requires io.pgqrs.jdbi;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    provides io.pgqrs.spi.StoreProvider with io.pgqrs.sqlite.SqliteStoreProvider;
}
