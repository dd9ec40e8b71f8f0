package io.pgqrs.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's S3 through Testcontainers, in a class of its own so that runs without Testcontainers on the class
 * path (the bench) never load it.
 */
final class LocalStackS3 {
    private LocalStackS3() {
    }

    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** @return endpoint, access key, secret key of a started container (stopped when the JVM exits) */
    static String[] start() {
        LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
                .withServices(LocalStackContainer.Service.S3);
        localstack.start();
        return new String[] {localstack.getEndpoint().toString(), localstack.getAccessKey(), localstack.getSecretKey()};
    }
}
