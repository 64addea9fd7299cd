package cn.incubation.ledger.region;

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
import java.util.Map;
import java.util.stream.Collectors;

/** Provides the {@link RegionCatalog}, read once at start-up from the file that {@code ledger.regions} names. */
@Configuration(proxyBeanMethods = false)
public class RegionConfiguration {

    static final String DEFAULT_LOCATION = "config/regions.yaml";
    static final String CLASSPATH_PREFIX = "classpath:";
    /** The build packs config/regions.yaml into the jar under this name (see the pom's resources). */
    static final String PACKED_RESOURCE = "regions.yaml";

    private static final Logger log = LoggerFactory.getLogger(RegionConfiguration.class);

    @Bean
    RegionCatalog regionCatalog(@Value("${ledger.regions:" + DEFAULT_LOCATION + "}") String location) {
        RegionCatalog catalog = load(location, Path.of(""));
        Map<RegionLevel, Long> counts = catalog.all().stream()
                .collect(Collectors.groupingBy(Region::level, Collectors.counting()));
        long divisions = catalog.all().stream().filter(Region::isDivision).count();
        String economicRegions = catalog.all().stream().filter(region -> !region.isDivision()).map(Region::code)
                .collect(Collectors.joining(", "));
        log.info("Region catalog {}: {} divisions ({} provincial-level, {} prefecture-level, {} county-level), "
                 + "{} economic regions ({})", catalog.source(), divisions,
                 counts.getOrDefault(RegionLevel.PROVINCE, 0L), counts.getOrDefault(RegionLevel.CITY, 0L),
                 counts.getOrDefault(RegionLevel.COUNTY, 0L), counts.getOrDefault(RegionLevel.ECONOMIC_REGION, 0L),
                 economicRegions);
        return catalog;
    }

    /**
     * Reads the catalog at {@code location}: {@code classpath:…}, or a path against {@code workingDirectory}. A
     * ledger started outside the repository has no ./config/regions.yaml, so the default location falls back to the
     * copy in the jar; a location the user chose must exist, or a typo would go unnoticed behind the packed copy.
     */
    static RegionCatalog load(String location, Path workingDirectory) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return fromClasspath(location.substring(CLASSPATH_PREFIX.length()));
        }
        Path file = workingDirectory.resolve(location);
        if (Files.isRegularFile(file)) {
            return RegionCatalog.load(file);
        }
        if (location.equals(DEFAULT_LOCATION)) {
            log.info("No {} in {}; using the region catalog packed into the application", location,
                     workingDirectory.toAbsolutePath());
            return fromClasspath(PACKED_RESOURCE);
        }
        throw new IllegalStateException("ledger.regions names the region catalog " + file.toAbsolutePath()
                                        + ", which does not exist; give an existing file or leave the setting at "
                                        + DEFAULT_LOCATION);
    }

    private static RegionCatalog fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = RegionConfiguration.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The region catalog " + CLASSPATH_PREFIX + name
                                                + " is not on the classpath");
            }
            return RegionCatalog.load(in, CLASSPATH_PREFIX + name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the region catalog " + CLASSPATH_PREFIX + name, e);
        }
    }
}
