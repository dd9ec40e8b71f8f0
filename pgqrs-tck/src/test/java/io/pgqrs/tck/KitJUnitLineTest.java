package io.pgqrs.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM a backend author imports must give the same JUnit line the kit is built and run on, and must pin the
 * kit itself; otherwise an author's test path mixes two JUnit versions.
 */
class KitJUnitLineTest {
    private static final Pattern JUNIT_VERSION = Pattern.compile("<junit\\.version>([^<]+)</junit\\.version>");

    @Test
    void bomImportsTheJUnitLineTheKitIsBuiltOn() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String bom = Files.readString(Path.of("..", "pgqrs-bom", "pom.xml"));

        assertThat(version(bom)).as("junit.version of pgqrs-bom").isEqualTo(version(parent));
        assertThat(bom).contains("<artifactId>junit-bom</artifactId>").contains("<scope>import</scope>")
                .contains("<artifactId>pgqrs-tck</artifactId>").contains("<artifactId>pgqrs-api</artifactId>");
        assertThat(Test.class.getModule().getDescriptor().rawVersion())
                .as("the JUnit Jupiter API the kit runs on").hasValue(version(parent));
    }

    private static String version(String pom) {
        Matcher m = JUNIT_VERSION.matcher(pom);
        assertThat(m.find()).as("junit.version property").isTrue();
        return m.group(1);
    }
}
