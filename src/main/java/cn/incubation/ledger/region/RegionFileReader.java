package cn.incubation.ledger.region;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code regions.yaml} and checks it entry by entry, so that one start-up names everything wrong in the file.
 *
 * <p>It works on SnakeYAML's node tree rather than on maps: every problem can then name its line, and a code reads
 * the same whether it is quoted or not.
 */
final class RegionFileReader {

    private static final Set<String> TOP_KEYS = Set.of("divisions", "economicRegions");
    private static final Set<String> DIVISION_KEYS = Set.of("code", "zh", "en", "parent");
    private static final Set<String> ECONOMIC_REGION_KEYS =
            Set.of("code", "zh", "en", "members", "partialMembers", "excluded");

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private RegionFileReader(String source) {
        this.source = source;
    }

    static RegionCatalog read(Reader reader, String source) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (YAMLException e) {
            throw new InvalidRegionCatalogException(source, "not valid YAML: " + e.getMessage(), e);
        }
        return new RegionFileReader(source).catalog(root);
    }

    private RegionCatalog catalog(Node root) {
        if (!(root instanceof MappingNode rootMap)) {
            throw new InvalidRegionCatalogException(source, List.of(
                    "expected a mapping with the keys divisions and economicRegions, found "
                            + (root == null ? "an empty file" : describe(root))));
        }
        Map<String, Node> top = entries(rootMap, TOP_KEYS, "the top level");
        List<Entry<Region>> divisions = divisions(top.get("divisions"));
        Map<String, Entry<Region>> divisionsByCode = new LinkedHashMap<>();
        for (Entry<Region> division : divisions) {
            Entry<Region> first = divisionsByCode.putIfAbsent(division.value().code(), division);
            if (first != null) {
                problem(division, "code " + division.value().code() + " appears again; it is first used on line "
                        + first.line());
            }
        }
        divisions.forEach(division -> checkParent(division, divisionsByCode));
        List<RegionCatalog.EconomicRegion> economicRegions = economicRegions(top.get("economicRegions"),
                                                                             divisionsByCode);
        if (!problems.isEmpty()) {
            throw new InvalidRegionCatalogException(source, problems.stream()
                    .sorted(Comparator.comparingInt(Problem::line))
                    .map(Problem::text)
                    .toList());
        }
        return new RegionCatalog(source, divisionsByCode.values().stream().map(Entry::value).toList(),
                                 economicRegions);
    }

    private List<Entry<Region>> divisions(Node node) {
        List<Entry<Region>> result = new ArrayList<>();
        if (node == null) {
            add(null, "the key divisions is missing; it lists the administrative divisions");
            return result;
        }
        List<Node> items = sequence(node, "divisions");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String where = "divisions[" + i + "]";
            if (!(item instanceof MappingNode map)) {
                add(item, where + ": expected {code, zh, en, parent}, found " + describe(item));
                continue;
            }
            Map<String, Node> fields = entries(map, DIVISION_KEYS, where);
            String code = scalar(fields.get("code"));
            where = where + " (code " + (code == null ? "missing" : code) + ")";
            String zh = scalar(fields.get("zh"));
            String en = scalar(fields.get("en"));
            String parent = scalar(fields.get("parent"));
            int problemsBefore = problems.size();
            if (code == null) {
                add(item, where + ": code is missing");
            } else if (!RegionLevel.isDivisionCode(code)) {
                add(item, where + ": code must be six digits (GB/T 2260, such as 500112)");
            }
            requireName(item, where, "zh", zh);
            requireName(item, where, "en", en);
            if (problems.size() > problemsBefore) {
                continue;
            }
            RegionLevel level = RegionLevel.of(code);
            String parentRule = parentRule(code, level, parent);
            if (parentRule != null) {
                add(item, where + ": " + parentRule);
                continue;
            }
            result.add(new Entry<>(new Region(code, zh, en, parent, level), item, where));
        }
        return result;
    }

    /**
     * GB/T 2260 codes carry their ancestry: 510104's city is 510100 and its province 510000. A parent that
     * disagrees with the code is a typo in one of them.
     */
    private static String parentRule(String code, RegionLevel level, String parent) {
        String province = code.substring(0, 2) + "0000";
        String city = code.substring(0, 4) + "00";
        return switch (level) {
            case PROVINCE -> parent == null ? null
                    : "a provincial-level division has no parent, but parent " + parent + " is given";
            case CITY -> province.equals(parent) ? null
                    : "a prefecture-level division's parent must be its province " + province + ", got " + parent;
            case COUNTY -> city.equals(parent) || province.equals(parent) ? null
                    : "a county-level division's parent must be its city " + city + " or, where it has none (as in "
                            + "Chongqing), its province " + province + "; got " + parent;
            case ECONOMIC_REGION -> throw new IllegalStateException("not a division code: " + code);
        };
    }

    private void checkParent(Entry<Region> division, Map<String, Entry<Region>> divisionsByCode) {
        Region region = division.value();
        if (region.parentCode() == null) {
            return;
        }
        if (!divisionsByCode.containsKey(region.parentCode())) {
            problem(division, "parent " + region.parentCode() + " is not a division in the file");
            return;
        }
        String city = region.code().substring(0, 4) + "00";
        if (region.level() == RegionLevel.COUNTY && !city.equals(region.parentCode())
            && divisionsByCode.containsKey(city)) {
            problem(division, "parent should be " + city + ", which is in the file, not " + region.parentCode());
        }
    }

    private List<RegionCatalog.EconomicRegion> economicRegions(Node node, Map<String, Entry<Region>> divisions) {
        List<RegionCatalog.EconomicRegion> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Node> items = sequence(node, "economicRegions");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String where = "economicRegions[" + i + "]";
            if (!(item instanceof MappingNode map)) {
                add(item, where + ": expected {code, zh, en, members, partialMembers, excluded}, found "
                        + describe(item));
                continue;
            }
            Map<String, Node> fields = entries(map, ECONOMIC_REGION_KEYS, where);
            String code = scalar(fields.get("code"));
            where = where + " (code " + (code == null ? "missing" : code) + ")";
            String zh = scalar(fields.get("zh"));
            String en = scalar(fields.get("en"));
            int problemsBefore = problems.size();
            if (code == null) {
                add(item, where + ": code is missing");
            } else if (!RegionLevel.isEconomicRegionCode(code)) {
                add(item, where + ": an economic region's code must be a lowercase word such as "
                        + "chengyu");
            } else if (seen.putIfAbsent(code, line(item)) != null) {
                add(item, where + ": code " + code + " appears again; it is first used on line "
                        + seen.get(code));
            }
            requireName(item, where, "zh", zh);
            requireName(item, where, "en", en);
            List<Member> members = codes(fields.get("members"), where + ".members", divisions);
            if (fields.get("members") == null) {
                add(item, where + ": members is missing; an economic region needs at least one");
            } else if (members.isEmpty() && problems.size() == problemsBefore) {
                add(fields.get("members"), where + ": members is empty");
            }
            List<Member> partial = codes(fields.get("partialMembers"), where + ".partialMembers", divisions);
            List<Member> excluded = codes(fields.get("excluded"), where + ".excluded", divisions);
            checkOverlaps(members, partial, excluded, divisions);
            if (problems.size() == problemsBefore) {
                result.add(new RegionCatalog.EconomicRegion(
                        new Region(code, zh, en, null, RegionLevel.ECONOMIC_REGION),
                        members.stream().map(Member::code).toList(), partial.stream().map(Member::code).toList(),
                        excluded.stream().map(Member::code).toList()));
            }
        }
        return result;
    }

    /**
     * A code listed twice, or a member inside another, would be counted once anyway; it is still refused, because
     * it means the file says something other than what its author meant.
     */
    private void checkOverlaps(List<Member> members, List<Member> partial, List<Member> excluded,
                               Map<String, Entry<Region>> divisions) {
        Map<String, Member> included = new LinkedHashMap<>();
        List<Member> all = new ArrayList<>(members);
        all.addAll(partial);
        all.addAll(excluded);
        Map<String, Member> listed = new HashMap<>();
        for (Member member : all) {
            Member first = listed.putIfAbsent(member.code(), member);
            if (first != null) {
                add(member.node(), member.where() + ": " + member.code() + " is already listed in "
                        + first.where());
            }
        }
        members.forEach(member -> included.putIfAbsent(member.code(), member));
        partial.forEach(member -> included.putIfAbsent(member.code(), member));
        for (Member member : included.values()) {
            for (String ancestor : ancestors(member.code(), divisions)) {
                Member outer = included.get(ancestor);
                if (outer != null) {
                    add(member.node(), member.where() + ": " + member.code() + " lies inside "
                            + ancestor + ", listed in " + outer.where());
                }
            }
        }
        for (Member member : excluded) {
            boolean inside = ancestors(member.code(), divisions).stream().anyMatch(included::containsKey);
            if (!inside && !included.containsKey(member.code())) {
                add(member.node(), member.where() + ": " + member.code()
                        + " lies inside no member, so there is nothing to exclude it from");
            }
        }
    }

    private static List<String> ancestors(String code, Map<String, Entry<Region>> divisions) {
        List<String> result = new ArrayList<>();
        Entry<Region> at = divisions.get(code);
        while (at != null && at.value().parentCode() != null) {
            result.add(at.value().parentCode());
            at = divisions.get(at.value().parentCode());
        }
        return result;
    }

    private List<Member> codes(Node node, String where, Map<String, Entry<Region>> divisions) {
        List<Member> result = new ArrayList<>();
        if (node == null || isNull(node)) {
            return result;
        }
        List<Node> items = sequence(node, where);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemWhere = where + "[" + i + "]";
            String code = item instanceof ScalarNode ? scalar(item) : null;
            if (code == null) {
                add(item, itemWhere + ": expected a division code, found " + describe(item));
            } else if (!divisions.containsKey(code)) {
                add(item, itemWhere + ": " + code + " is not a division in the file");
            } else {
                result.add(new Member(code, item, itemWhere));
            }
        }
        return result;
    }

    private Map<String, Node> entries(MappingNode map, Set<String> allowed, String where) {
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                add(tuple.getKeyNode(), where + ": unknown key "
                        + (key == null ? describe(tuple.getKeyNode()) : key) + "; the keys are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            } else if (result.putIfAbsent(key, tuple.getValueNode()) != null) {
                add(tuple.getKeyNode(), where + ": key " + key + " appears twice");
            }
        }
        return result;
    }

    private List<Node> sequence(Node node, String where) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        add(node, where + ": expected a list, found " + describe(node));
        return List.of();
    }

    private void requireName(Node item, String where, String key, String value) {
        if (value == null || value.isBlank()) {
            add(item, where + ": " + key + " (the " + (key.equals("zh") ? "Chinese" : "English")
                    + " name) is missing");
        }
    }

    private void problem(Entry<?> entry, String what) {
        add(entry.node(), entry.where() + ": " + what);
    }

    /** Records a problem; a null node stands for the file as a whole. */
    private void add(Node node, String what) {
        problems.add(node == null ? new Problem(0, what) : new Problem(line(node), "line " + line(node) + ", " + what));
    }

    /** A scalar's text as written, so that 500112 and "500112" read alike; null for an absent or null value. */
    private static String scalar(Node node) {
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            return scalar.getValue().strip();
        }
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return "'" + scalar.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private record Entry<T>(T value, Node node, String where) {

        int line() {
            return RegionFileReader.line(node);
        }
    }

    private record Member(String code, Node node, String where) {
    }

    private record Problem(int line, String text) {
    }
}
