/** The SQLite backend of pgqrs, for DSNs {@code sqlite:path}, {@code sqlite:///abs/path} and {@code sqlite::memory:}. */
module io.pgqrs.sqlite {
    requires io.pgqrs;
    requires io.pgqrs.jdbi;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    provides io.pgqrs.spi.StoreProvider with io.pgqrs.sqlite.SqliteStoreProvider;
}
