/**
 * The {@code pgqrs} command-line tool. Backends are found on the module path through {@code uses}; the S3 backend
 * is also required directly, because commands refresh an S3 store first and publish a local-mode one last.
 */
module io.pgqrs.cli {
    requires io.pgqrs;
    requires io.pgqrs.s3;
    requires info.picocli;
    requires org.slf4j;
    requires org.slf4j.simple;

    opens io.pgqrs.cli to info.picocli;
}
