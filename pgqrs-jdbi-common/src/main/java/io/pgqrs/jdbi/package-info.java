/**
 * Building blocks for JDBC backends: {@link io.pgqrs.jdbi.JdbiStore} implements every store port with
 * SQL written once, and {@link io.pgqrs.jdbi.SqlDialect} names the few things a database does differently.
 */
package io.pgqrs.jdbi;
