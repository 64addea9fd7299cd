package cn.incubation.ledger.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The regions the ledger keeps totals for: administrative divisions with their hierarchy, and economic regions with
 * their members, as read from {@code config/regions.yaml}.
 *
 * <p>Immutable. Every answer is computed when the catalog is built, so that {@link #rollUps(String)}, asked once
 * for every event of a replay, is a map lookup.
 */
public final class RegionCatalog {

    private final String source;
    private final List<Region> all;
    private final Map<String, Region> byCode;
    private final Map<String, List<Region>> children;
    private final Map<String, Set<String>> rollUps;
    private final Map<String, Set<String>> leaves;
    private final Map<String, Set<String>> partialMembers;

    /**
     * An economic region as its file entry defines it: a member covers itself and every division below it, except
     * the excluded ones and what lies below them.
     */
    record EconomicRegion(Region region, List<String> members, List<String> partialMembers, List<String> excluded) {

        EconomicRegion {
            Objects.requireNonNull(region, "region");
            members = List.copyOf(members);
            partialMembers = List.copyOf(partialMembers);
            excluded = List.copyOf(excluded);
        }
    }

    RegionCatalog(String source, List<Region> divisions, List<EconomicRegion> economicRegions) {
        this.source = source;
        Map<String, Region> regions = new LinkedHashMap<>();
        divisions.forEach(division -> put(regions, division));
        economicRegions.forEach(economic -> put(regions, economic.region()));
        this.byCode = Collections.unmodifiableMap(regions);
        this.all = List.copyOf(regions.values());

        Map<String, List<Region>> childLists = new HashMap<>();
        regions.keySet().forEach(code -> childLists.put(code, new ArrayList<>()));
        for (Region division : divisions) {
            if (division.parentCode() != null) {
                List<Region> siblings = childLists.get(division.parentCode());
                if (siblings == null) {
                    throw new IllegalArgumentException("Division " + division.code() + " names parent "
                                                       + division.parentCode() + ", which is not in the catalog");
                }
                siblings.add(division);
            }
        }
        Map<String, Set<String>> partials = new HashMap<>();
        regions.keySet().forEach(code -> partials.put(code, Set.of()));
        for (EconomicRegion economic : economicRegions) {
            List<Region> members = childLists.get(economic.region().code());
            for (String member : concat(economic.members(), economic.partialMembers())) {
                members.add(known(regions, member));
            }
            economic.excluded().forEach(code -> known(regions, code));
            partials.put(economic.region().code(), Collections.unmodifiableSet(new LinkedHashSet<>(
                    economic.partialMembers())));
        }
        this.children = freezeLists(childLists);
        this.partialMembers = Collections.unmodifiableMap(partials);

        Map<String, Set<String>> up = new HashMap<>();
        for (Region division : divisions) {
            up.put(division.code(), rollUpsOf(division, regions, economicRegions));
        }
        for (EconomicRegion economic : economicRegions) {
            up.put(economic.region().code(), Set.of(economic.region().code()));
        }
        this.rollUps = Collections.unmodifiableMap(up);

        // A division's leaves and an economic region's are the same question asked backwards: which leaves roll up
        // into it. Deriving them from rollUps keeps leaves() and covers() in agreement by construction.
        Map<String, Set<String>> down = new HashMap<>();
        regions.keySet().forEach(code -> down.put(code, new TreeSet<>()));
        for (Region division : divisions) {
            if (childLists.get(division.code()).isEmpty()) {
                up.get(division.code()).forEach(total -> down.get(total).add(division.code()));
            }
        }
        this.leaves = freezeSets(down);
    }

    /** Reads a catalog file; errors name the file, the line and what is wrong. */
    public static RegionCatalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return RegionFileReader.read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the region catalog " + file + ": " + e, e);
        }
    }

    /** Reads a catalog from a UTF-8 stream, which stays open. */
    public static RegionCatalog load(InputStream in) {
        return load(in, "(stream)");
    }

    /** Reads a catalog from a UTF-8 stream, which stays open; errors name {@code sourceName}. */
    public static RegionCatalog load(InputStream in, String sourceName) {
        return RegionFileReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName);
    }

    /** The region with this code, if the catalog holds it. */
    public Optional<Region> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The region with this code.
     *
     * @throws UnknownRegionException if the catalog does not hold it
     */
    public Region require(String code) {
        Region region = byCode.get(code);
        if (region == null) {
            throw new UnknownRegionException(code, source);
        }
        return region;
    }

    /** Whether the catalog holds this code. */
    public boolean isKnown(String code) {
        return byCode.containsKey(code);
    }

    /** Every region: the divisions in file order, then the economic regions. */
    public List<Region> all() {
        return all;
    }

    /**
     * The regions one level down, in file order: a province's cities (or, in a municipality, its districts and
     * counties), a city's counties, an economic region's direct members including its partial ones.
     *
     * @throws UnknownRegionException if the catalog does not hold the code
     */
    public List<Region> children(String code) {
        return lookup(children, code);
    }

    /**
     * Every code whose totals include a record made in this region, leaf first: the region itself, its ancestors
     * (county → city → province), then each economic region that covers it, in file order. An economic region
     * covers a division that is a member or partial member, or lies below one, unless it is excluded or lies below
     * an excluded one; a province holding some members is not covered. An economic region's own roll-ups are
     * itself alone.
     *
     * @throws UnknownRegionException if the catalog does not hold the code
     */
    public Set<String> rollUps(String leafCode) {
        return lookup(rollUps, leafCode);
    }

    /**
     * The leaf divisions (county-level, or whatever has no children in the catalog) whose records count towards
     * this region's totals, in code order; a leaf's own set is itself.
     *
     * @throws UnknownRegionException if the catalog does not hold the code
     */
    public Set<String> leaves(String code) {
        return lookup(leaves, code);
    }

    /**
     * Whether records made in {@code divisionCode} count towards {@code regionCode}'s totals, that is whether
     * {@code regionCode} is among {@code rollUps(divisionCode)}.
     *
     * @throws UnknownRegionException if the catalog does not hold either code
     */
    public boolean covers(String regionCode, String divisionCode) {
        require(regionCode);
        return rollUps(divisionCode).contains(regionCode);
    }

    /**
     * The members that an economic region takes in whole although only part of each lies inside it, so that a
     * report can say so; empty for a division.
     *
     * @throws UnknownRegionException if the catalog does not hold the code
     */
    public Set<String> partialMembers(String code) {
        return lookup(partialMembers, code);
    }

    /** Where the catalog was read from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "RegionCatalog[" + source + ", " + all.size() + " regions]";
    }

    private <T> T lookup(Map<String, T> map, String code) {
        T value = map.get(code);
        if (value == null) {
            throw new UnknownRegionException(code, source);
        }
        return value;
    }

    private static Set<String> rollUpsOf(Region division, Map<String, Region> regions,
                                         List<EconomicRegion> economicRegions) {
        List<String> chain = new ArrayList<>();
        for (Region at = division; at != null; at = at.parentCode() == null ? null : regions.get(at.parentCode())) {
            chain.add(at.code());
        }
        Set<String> result = new LinkedHashSet<>(chain);
        for (EconomicRegion economic : economicRegions) {
            boolean inMember = chain.stream().anyMatch(code -> economic.members().contains(code)
                                                               || economic.partialMembers().contains(code));
            boolean inExcluded = chain.stream().anyMatch(economic.excluded()::contains);
            if (inMember && !inExcluded) {
                result.add(economic.region().code());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private static void put(Map<String, Region> regions, Region region) {
        if (regions.putIfAbsent(region.code(), region) != null) {
            throw new IllegalArgumentException("Region " + region.code() + " appears twice");
        }
    }

    private static Region known(Map<String, Region> regions, String code) {
        Region region = regions.get(code);
        if (region == null || !region.isDivision()) {
            throw new IllegalArgumentException("Economic regions list " + code + ", which is not a division in the "
                                               + "catalog");
        }
        return region;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static Map<String, List<Region>> freezeLists(Map<String, List<Region>> lists) {
        Map<String, List<Region>> frozen = new HashMap<>();
        lists.forEach((code, list) -> frozen.put(code, List.copyOf(list)));
        return Collections.unmodifiableMap(frozen);
    }

    private static Map<String, Set<String>> freezeSets(Map<String, Set<String>> sets) {
        Map<String, Set<String>> frozen = new HashMap<>();
        sets.forEach((code, set) -> frozen.put(code, Collections.unmodifiableSet(new LinkedHashSet<>(set))));
        return Collections.unmodifiableMap(frozen);
    }
}
