package dev.aftersales.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded MariaDB that serves as the case store when no external MySQL is configured.
 *
 * @param enabled start an embedded MariaDB and use it (set false and set spring.datasource.* for MySQL 8 / MariaDB)
 * @param directory where the server binaries, data and temp files live; data survives restarts
 * @param port TCP port; 0 picks a free one
 * @param database schema name created on start
 */
@ConfigurationProperties("aftersales.database.embedded")
public record EmbeddedDatabaseProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(".data/mariadb") Path directory,
    @DefaultValue("0") int port,
    @DefaultValue("aftersales") String database) {}
