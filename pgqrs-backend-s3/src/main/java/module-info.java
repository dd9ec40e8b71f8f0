/**
 * The S3 backend of pgqrs, for DSNs {@code s3://bucket/key.sqlite}: the queue is one SQLite database object,
 * worked on in a local cache file and published with conditional PUTs. See {@link io.pgqrs.s3.S3Store}.
 */
module io.pgqrs.s3 {
    requires io.pgqrs;
    requires io.pgqrs.sqlite;
    requires org.xerial.sqlitejdbc;
    requires java.sql;
    requires org.slf4j;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.utils;

    exports io.pgqrs.s3;

    provides io.pgqrs.spi.StoreProvider with io.pgqrs.s3.S3StoreProvider;
}
