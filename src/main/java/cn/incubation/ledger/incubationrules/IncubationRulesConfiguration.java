package cn.incubation.ledger.incubationrules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Provides the {@link IncubationRules}, read once at start-up from the file {@code ledger.incubation-rules} names. */
@Configuration(proxyBeanMethods = false)
public class IncubationRulesConfiguration {

    static final String DEFAULT_LOCATION = "config/incubation-rules.yaml";
    static final String CLASSPATH_PREFIX = "classpath:";
    /** The build packs config/incubation-rules.yaml into the jar under this name (see the pom's resources). */
    static final String PACKED_RESOURCE = "incubation-rules.yaml";

    private static final Logger log = LoggerFactory.getLogger(IncubationRulesConfiguration.class);

    @Bean
    IncubationRules incubationRules(@Value("${ledger.incubation-rules:" + DEFAULT_LOCATION + "}") String location) {
        IncubationRules rules = load(location, Path.of(""));
        log.info("Incubation rules {}: {}", rules.source(), rules.all().stream()
                .map(set -> set.id() + " from " + set.from() + (set.provisionalValues().isEmpty() ? ""
                        : " (" + set.provisionalValues().size() + " values provisional)"))
                .collect(Collectors.joining(", ")));
        return rules;
    }

    /**
     * Reads the rules at {@code location}: {@code classpath:…}, or a path against {@code workingDirectory}. The
     * default location falls back to the copy in the jar when the ledger runs outside the repository; a location the
     * user chose must exist, or a typo would go unnoticed behind the packed copy.
     */
    static IncubationRules load(String location, Path workingDirectory) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return fromClasspath(location.substring(CLASSPATH_PREFIX.length()));
        }
        Path file = workingDirectory.resolve(location);
        if (Files.isRegularFile(file)) {
            return IncubationRules.load(file);
        }
        if (location.equals(DEFAULT_LOCATION)) {
            log.info("No {} in {}; using the incubation rules packed into the application", location,
                     workingDirectory.toAbsolutePath());
            return fromClasspath(PACKED_RESOURCE);
        }
        throw new IllegalStateException("ledger.incubation-rules names the rule file " + file.toAbsolutePath()
                                        + ", which does not exist; give an existing file or leave the setting at "
                                        + DEFAULT_LOCATION);
    }

    private static IncubationRules fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = IncubationRulesConfiguration.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The incubation rules " + CLASSPATH_PREFIX + name
                                                + " are not on the classpath");
            }
            return IncubationRules.load(in, CLASSPATH_PREFIX + name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the incubation rules " + CLASSPATH_PREFIX + name, e);
        }
    }
}
