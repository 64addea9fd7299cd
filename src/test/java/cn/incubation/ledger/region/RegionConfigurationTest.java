package cn.incubation.ledger.region;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the ledger finds its region catalog at start-up, and what it says about it. */
@ExtendWith(OutputCaptureExtension.class)
class RegionConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(RegionConfiguration.class);

    @Test
    void readsConfigRegionsYamlByDefaultAndLogsWhatItLoaded(CapturedOutput output) {
        context.run(started -> {
            RegionCatalog catalog = started.getBean(RegionCatalog.class);

            assertThat(catalog.source()).isEqualTo(Path.of("config", "regions.yaml").toString());
            assertThat(catalog.isKnown("chengyu")).isTrue();
        });
        assertThat(output).contains("Region catalog config/regions.yaml: 292 divisions (34 provincial-level, "
                                    + "21 prefecture-level, 237 county-level), 1 economic regions (chengyu)");
    }

    @Test
    void readsTheFileThatLedgerRegionsNames(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("regions.yaml");
        Files.writeString(file, """
                divisions:
                  - {code: "500000", zh: 重庆市, en: Chongqing Municipality}
                """);

        context.withPropertyValues("ledger.regions=" + file).run(started -> {
            assertThat(started.getBean(RegionCatalog.class).all()).extracting(Region::code).containsExactly("500000");
        });
    }

    @Test
    void refusesToStartOnAMissingFileThatWasAskedFor(@TempDir Path dir) {
        Path missing = dir.resolve("my-regions.yaml");

        context.withPropertyValues("ledger.regions=" + missing).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        });
    }

    @Test
    void refusesToStartOnAnInvalidCatalog(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("regions.yaml");
        Files.writeString(file, "divisions:\n  - {code: \"5000\", zh: 重庆市, en: Chongqing Municipality}\n");

        context.withPropertyValues("ledger.regions=" + file).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidRegionCatalogException.class)
                    .hasMessageContaining("line 2, divisions[0] (code 5000): code must be six digits");
        });
    }

    @Test
    void fallsBackToThePackedCatalogWhenStartedOutsideTheRepository(@TempDir Path elsewhere) {
        RegionCatalog catalog = RegionConfiguration.load(RegionConfiguration.DEFAULT_LOCATION, elsewhere);

        assertThat(catalog.source()).isEqualTo("classpath:regions.yaml");
        assertThat(catalog.rollUps("500112")).containsExactly("500112", "500000", "chengyu");
    }

    @Test
    void readsAClasspathLocation() {
        assertThat(RegionConfiguration.load("classpath:regions.yaml", Path.of("")).isKnown("510104")).isTrue();
        assertThatThrownBy(() -> RegionConfiguration.load("classpath:nowhere.yaml", Path.of("")))
                .hasMessageContaining("classpath:nowhere.yaml is not on the classpath");
    }

    @Test
    void packsTheSameCatalogIntoTheApplication() throws IOException {
        try (InputStream packed = getClass().getClassLoader().getResourceAsStream("regions.yaml")) {
            assertThat(packed).as("regions.yaml on the classpath (pom.xml <resources>)").isNotNull();
            assertThat(packed.readAllBytes()).isEqualTo(Files.readAllBytes(Path.of("config", "regions.yaml")));
        }
    }
}
