package io.pgqrs.testsupport;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3-compatible server the tests use, started once per JVM: {@code PGQRS_TEST_S3_ENDPOINT} when set (with the
 * usual {@code AWS_*} credentials); else LocalStack through Testcontainers when a Docker engine answers; else Adobe
 * S3Mock inside this JVM. Each test uses its own key in the bucket {@value #BUCKET}.
 *
 * <p>S3Mock's conditional PUT is not atomic under racing writers; tests that race go through {@link S3Proxy}, which
 * serializes conditional PUTs per key as real S3 does.
 */
public final class S3Server {
    /** The bucket every test key lives in. */
    public static final String BUCKET = "pgqrs-test";
    private static final String ACCESS_KEY = "pgqrs";
    private static final String SECRET_KEY = "pgqrs-secret";
    private static S3Server instance;

    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private S3Proxy proxy;

    private S3Server(String endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** @return the server, started on first use */
    public static synchronized S3Server get() {
        if (instance == null) {
            instance = start();
            try (S3Client c = instance.client()) {
                if (c.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
                    c.createBucket(b -> b.bucket(BUCKET));
                }
            }
        }
        return instance;
    }

    private static S3Server start() {
        String given = System.getenv("PGQRS_TEST_S3_ENDPOINT");
        if (given != null && !given.isBlank()) {
            return new S3Server(given.trim(), env("AWS_ACCESS_KEY_ID", ACCESS_KEY), env("AWS_SECRET_ACCESS_KEY", SECRET_KEY));
        }
        if (dockerAnswers()) {
            String[] endpointAndKeys = LocalStackS3.start();
            return new S3Server(endpointAndKeys[0], endpointAndKeys[1], endpointAndKeys[2]);
        }
        try {
            Path shm = Path.of("/dev/shm");
            Path root = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "pgqrs-s3mock") : Files.createTempDirectory("pgqrs-s3mock");
            Map<String, Object> props = new HashMap<>();
            props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
            props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
            props.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
            props.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
            props.put(S3MockApplication.PROP_SILENT, true);
            props.put("logging.level.root", "WARN");
            props.put("spring.main.banner-mode", "off");
            S3MockApplication app = S3MockApplication.start(props);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.stop();
                deleteTree(root);
            }, "s3mock-stop"));
            return new S3Server("http://127.0.0.1:" + app.getHttpPort(), ACCESS_KEY, SECRET_KEY);
        } catch (Exception e) {
            throw new IllegalStateException("No S3 server for the tests: set PGQRS_TEST_S3_ENDPOINT, or make S3Mock "
                    + "start in this JVM (" + e + ")", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the JVM is exiting; a leftover temporary directory is all that is lost
        }
    }

    private static boolean dockerAnswers() {
        try {
            return LocalStackS3.dockerAnswers();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** @return the server's base URL */
    public String endpoint() {
        return endpoint;
    }

    /**
     * @param prefix the start of the key, e.g. {@code tck}
     * @return a key no other test uses
     */
    public static String newKey(String prefix) {
        return prefix + "/" + UUID.randomUUID() + ".sqlite";
    }

    /**
     * @param key a key
     * @return {@code s3://<bucket>/<key>}
     */
    public static String dsn(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    /**
     * The {@code AWS_*} variables that point a process at this server (or at {@code endpoint}, e.g. a proxy).
     *
     * @param endpoint the endpoint the process should use
     * @return the variables
     */
    public Map<String, String> environment(String endpoint) {
        return Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_EC2_METADATA_DISABLED", "true");
    }

    /**
     * The JVM's one {@link S3Proxy} in front of this server, started on first use; stores opened in this JVM are
     * pointed at it ({@link #useFromThisJvm}).
     *
     * @return the proxy
     */
    public synchronized S3Proxy proxy() {
        if (proxy == null) {
            proxy = new S3Proxy(endpoint);
            useFromThisJvm(proxy.endpoint());
        }
        return proxy;
    }

    /**
     * Points stores opened in this JVM at {@code endpoint} through the SDK's system properties.
     *
     * @param endpoint the endpoint (the server's, or a proxy's)
     */
    public void useFromThisJvm(String endpoint) {
        System.setProperty("aws.endpointUrl", endpoint);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", accessKey);
        System.setProperty("aws.secretAccessKey", secretKey);
    }

    /** @return a client of the server, for tests that look at the object directly; close it */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
