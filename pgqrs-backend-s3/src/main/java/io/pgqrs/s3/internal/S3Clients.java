package io.pgqrs.s3.internal;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client from the standard AWS settings: {@code AWS_REGION} (else
 * {@code AWS_DEFAULT_REGION}, else {@code us-east-1}), {@code AWS_ENDPOINT_URL} (which turns on path-style
 * addressing, as S3-compatible servers need), credentials from the SDK's default chain. Each variable may also be
 * given as the SDK's system property ({@code aws.region}, {@code aws.endpointUrl}, {@code aws.accessKeyId} …).
 *
 * <p>The SDK does not retry: the committer decides what a failed request means, because a conditional PUT that
 * timed out may have been applied.
 */
public final class S3Clients {
    private S3Clients() {
    }

    /**
     * @param config the store's configuration; its connection timeout bounds connecting to the endpoint
     * @param env the environment
     * @return a client
     */
    public static S3Client create(Config config, Map<String, String> env) {
        Optional<String> endpoint = setting(env, "AWS_ENDPOINT_URL", "aws.endpointUrl");
        String region = setting(env, "AWS_REGION", "aws.region")
                .or(() -> setting(env, "AWS_DEFAULT_REGION", "aws.defaultRegion")).orElse("us-east-1");
        try {
            var builder = S3Client.builder()
                    .region(Region.of(region))
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(config.connectionTimeout())
                            .socketTimeout(config.connectionTimeout().multipliedBy(4)))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).chunkedEncodingEnabled(false).build());
            endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)).forcePathStyle(true));
            return builder.build();
        } catch (SdkException | IllegalArgumentException e) {
            throw PgqrsException.invalidConfig("dsn", "cannot build the S3 client (region '" + region + "', endpoint "
                    + endpoint.orElse("default") + "): " + e.getMessage());
        }
    }

    private static Optional<String> setting(Map<String, String> env, String variable, String property) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
