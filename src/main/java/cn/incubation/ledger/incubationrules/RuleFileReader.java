package cn.incubation.ledger.incubationrules;

import cn.incubation.ledger.incubationrules.RuleSet.AgeLimit;
import cn.incubation.ledger.incubationrules.RuleSet.Criterion;
import cn.incubation.ledger.incubationrules.RuleSet.LapseRule;
import cn.incubation.ledger.incubationrules.RuleSet.NotRecorded;
import cn.incubation.ledger.incubationrules.RuleSet.PeriodLimit;
import cn.incubation.ledger.incubationrules.RuleSet.Rule;
import cn.incubation.ledger.incubationrules.RuleSet.SectorPeriod;
import cn.incubation.ledger.incubationrules.RuleSet.StandingRules;
import cn.incubation.ledger.incubationrules.RuleSet.Threshold;
import cn.incubation.ledger.incubationrules.RuleSet.Window;
import cn.incubation.ledger.incubator.AccreditationLevel;
import cn.incubation.ledger.incubator.CarrierKind;
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
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code incubation-rules.yaml} and checks it entry by entry, so that one start names everything wrong in the
 * file, each with its line. It walks SnakeYAML's node tree, as the region catalog's reader does, since bound objects
 * no longer know where in the file they came from.
 */
final class RuleFileReader {

    private static final String[] SET_KEYS = {"id", "title", "titleEn", "document", "issuer", "from", "tier", "rules",
                                              "standing"};
    private static final String[] RULE_KEYS = {"title", "clause", "provisional"};

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private RuleFileReader(String source) {
        this.source = source;
    }

    static IncubationRules read(Reader reader, String source) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (YAMLException e) {
            throw new InvalidRuleFileException(source, "not valid YAML: " + e.getMessage(), e);
        }
        return new RuleFileReader(source).rules(root);
    }

    private IncubationRules rules(Node root) {
        if (!(root instanceof MappingNode map)) {
            throw new InvalidRuleFileException(source, List.of("expected a mapping with the key ruleSets, found "
                    + (root == null ? "an empty file" : describe(root))));
        }
        Fields top = new Fields(map, "the top level", "ruleSets");
        List<RuleSet> sets = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<Node> items = top.list("ruleSets", true);
        if (items != null && items.isEmpty()) {
            add(top.node, "ruleSets is empty; at least one rule set is needed");
        }
        for (int i = 0; items != null && i < items.size(); i++) {
            RuleSet set = ruleSet(items.get(i), "ruleSets[" + i + "]", ids);
            if (set != null && !sets.isEmpty() && !set.from().isAfter(sets.get(sets.size() - 1).from())) {
                add(items.get(i), "ruleSets[" + i + "] (" + set.id() + "): from " + set.from() + " must be after the "
                        + "from of the set before it (" + sets.get(sets.size() - 1).from() + "); list the sets in "
                        + "the order they took effect");
            }
            if (set != null) {
                sets.add(set);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleFileException(source, problems.stream().sorted(Comparator.comparingInt(Problem::line))
                                                               .map(Problem::text).toList());
        }
        return new IncubationRules(source, sets);
    }

    private RuleSet ruleSet(Node node, String where, Map<String, Integer> ids) {
        if (!(node instanceof MappingNode map)) {
            add(node, where + ": expected a rule set (a mapping with " + String.join(", ", SET_KEYS) + "), found "
                    + describe(node));
            return null;
        }
        int before = problems.size();
        Fields fields = new Fields(map, where, SET_KEYS);
        String id = fields.text("id", true);
        if (id != null && !id.matches("[a-z0-9-]{2,40}")) {
            add(fields.valueNode("id"), where + ".id: must be lowercase letters, digits and hyphens, such as "
                    + "most-2018; found '" + id + "'");
        } else if (id != null && ids.putIfAbsent(id, line(map)) != null) {
            add(fields.valueNode("id"), where + ".id: " + id + " is already the id of the set on line " + ids.get(id));
        }
        String at = where + " (" + (id == null ? "no id" : id) + ")";
        String title = fields.text("title", true);
        String document = fields.text("document", true);
        Naming naming = new Naming(id == null ? "?" : id, "《" + title + "》（" + document + "）");
        Fields rules = fields.mapping("rules", at, "admissionAge", "incubationPeriod", "closedCarrier",
                                      "accreditationLapse");
        Fields standing = fields.mapping("standing", at, "carrierKinds", "criteria", "notRecorded");
        RuleSet set = new RuleSet(id == null ? "?" : id, title, fields.text("titleEn", true), document,
                                  fields.text("issuer", true), dateOrEpoch(fields.date("from")),
                                  null, fields.text("tier", true),
                                  rules == null ? null : admissionAge(rules, naming),
                                  rules == null ? null : incubationPeriod(rules, naming),
                                  rules == null ? null : rule(rules.mapping("closedCarrier", null, RULE_KEYS),
                                                              naming, "closedCarrier"),
                                  rules == null ? null : accreditationLapse(rules, naming),
                                  standing == null ? null : standing(standing, naming));
        return problems.size() == before ? set : null;
    }

    private AgeLimit admissionAge(Fields rules, Naming naming) {
        Fields f = rules.mapping("admissionAge", null, "maxMonths", "carrierKinds", "title", "clause", "provisional");
        if (f == null) {
            return null;
        }
        return new AgeLimit(rule(f, naming, "admissionAge"), f.whole("maxMonths", 1, 600), f.kinds("carrierKinds"));
    }

    private PeriodLimit incubationPeriod(Fields rules, Naming naming) {
        Fields f = rules.mapping("incubationPeriod", null, "maxMonths", "carrierKinds", "longer", "title", "clause",
                                 "provisional");
        if (f == null) {
            return null;
        }
        List<SectorPeriod> longer = new ArrayList<>();
        List<Node> items = f.list("longer", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            String where = f.where + ".longer[" + i + "]";
            if (!(items.get(i) instanceof MappingNode map)) {
                add(items.get(i), where + ": expected {months, sectors, provisional}, found " + describe(items.get(i)));
                continue;
            }
            Fields period = new Fields(map, where, "months", "sectors", "provisional");
            List<String> sectors = new ArrayList<>();
            List<Node> words = period.list("sectors", true);
            for (int w = 0; words != null && w < words.size(); w++) {
                String word = scalar(words.get(w));
                if (word == null || word.isBlank()) {
                    add(words.get(w), where + ".sectors[" + w + "]: expected a word, found " + describe(words.get(w)));
                } else {
                    sectors.add(word);
                }
            }
            if (words != null && words.isEmpty()) {
                add(period.valueNode("sectors"), where + ".sectors is empty");
            }
            longer.add(new SectorPeriod(period.whole("months", 1, 600), sectors, period.bool("provisional")));
        }
        return new PeriodLimit(rule(f, naming, "incubationPeriod"), f.whole("maxMonths", 1, 600), longer,
                               f.kinds("carrierKinds"));
    }

    private LapseRule accreditationLapse(Fields rules, Naming naming) {
        Fields f = rules.mapping("accreditationLapse", null, "consecutiveFails", "level", "carrierKinds", "atRisk",
                                 "title", "clause", "provisional");
        if (f == null) {
            return null;
        }
        Rule atRisk = rule(f.mapping("atRisk", null, RULE_KEYS), naming, "accreditationAtRisk");
        return new LapseRule(rule(f, naming, "accreditationLapse"), atRisk, f.whole("consecutiveFails", 1, 10),
                             f.enumValue("level", AccreditationLevel.class), f.kinds("carrierKinds"));
    }

    private StandingRules standing(Fields f, Naming naming) {
        Map<String, Criterion> byKey = new LinkedHashMap<>();
        Arrays.stream(Criterion.values()).forEach(c -> byKey.put(c.key(), c));
        Fields criteria = f.mapping("criteria", null, byKey.keySet().toArray(String[]::new));
        List<Threshold> thresholds = new ArrayList<>();
        if (criteria != null) {
            for (Map.Entry<String, Criterion> entry : byKey.entrySet()) {
                boolean windowed = entry.getValue() == Criterion.FINANCED_SHARE;
                String[] keys = windowed ? new String[] {"min", "window", "clause", "provisional"}
                        : new String[] {"min", "clause", "provisional"};
                if (criteria.valueNode(entry.getKey()) == null) {
                    continue;
                }
                Fields c = criteria.mapping(entry.getKey(), null, keys);
                if (c == null) {
                    continue;
                }
                Window window = windowed && c.valueNode("window") != null ? c.enumValue("window", Window.class)
                        : Window.ALL;
                Rule rule = new Rule(naming.id("standing." + entry.getKey()), entry.getValue().nameZh(),
                                     naming.document(), c.text("clause", true), c.bool("provisional"));
                thresholds.add(new Threshold(entry.getValue(), c.decimal("min"), window, rule));
            }
        }
        List<NotRecorded> notRecorded = new ArrayList<>();
        List<Node> items = f.list("notRecorded", false);
        for (int i = 0; items != null && i < items.size(); i++) {
            String where = f.where + ".notRecorded[" + i + "]";
            if (!(items.get(i) instanceof MappingNode map)) {
                add(items.get(i), where + ": expected {criterion, required, clause, provisional}, found "
                        + describe(items.get(i)));
                continue;
            }
            Fields n = new Fields(map, where, "criterion", "required", "clause", "provisional");
            String criterion = n.text("criterion", true);
            String required = n.text("required", true);
            notRecorded.add(new NotRecorded(criterion, required, new Rule(naming.id("standing." + criterion), required,
                                                                          naming.document(), n.text("clause", true),
                                                                          n.bool("provisional"))));
        }
        return new StandingRules(f.kinds("carrierKinds"), thresholds, notRecorded);
    }

    /** The citation of a rule entry: its title, clause and provisional flag, which every entry must state. */
    private Rule rule(Fields f, Naming naming, String key) {
        if (f == null) {
            return null;
        }
        return new Rule(naming.id(key), f.text("title", true), naming.document(), f.text("clause", true),
                        f.bool("provisional"));
    }

    private static LocalDate dateOrEpoch(LocalDate date) {
        return date == null ? LocalDate.EPOCH : date;
    }

    /** Records a problem at a node; a null node stands for the file as a whole. */
    private void add(Node node, String what) {
        problems.add(node == null ? new Problem(0, what) : new Problem(line(node), "line " + line(node) + ", " + what));
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s && !Tag.NULL.equals(node.getTag()) ? s.getValue().strip() : null;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(node.getTag()) ? "nothing" : "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** How the rules of one set are named: ids under the set's id, and the document they come from. */
    private record Naming(String setId, String document) {

        String id(String key) {
            return setId + "/" + key;
        }
    }

    private record Problem(int line, String text) {
    }

    /** The entries of one mapping, each read with its rule; what is wrong goes to the problems, with its line. */
    private final class Fields {
        final MappingNode node;
        final String where;
        final Map<String, Node> values = new LinkedHashMap<>();

        Fields(MappingNode node, String where, String... allowed) {
            this.node = node;
            this.where = where;
            Set<String> keys = Set.of(allowed);
            for (NodeTuple tuple : node.getValue()) {
                String key = scalar(tuple.getKeyNode());
                if (key == null || !keys.contains(key)) {
                    add(tuple.getKeyNode(), where + ": unknown key " + (key == null ? describe(tuple.getKeyNode())
                            : key) + "; the keys are " + String.join(", ", allowed));
                } else if (values.putIfAbsent(key, tuple.getValueNode()) != null) {
                    add(tuple.getKeyNode(), where + ": key " + key + " appears twice");
                }
            }
        }

        Node valueNode(String key) {
            return values.get(key);
        }

        /** The node of a required key, or null after saying it is missing. */
        private Node required(String key) {
            Node value = values.get(key);
            if (value == null || Tag.NULL.equals(value.getTag())) {
                add(value == null ? node : value, where + ": " + key + " is missing");
                return null;
            }
            return value;
        }

        String text(String key, boolean required) {
            Node value = required ? required(key) : values.get(key);
            if (value == null) {
                return null;
            }
            String text = scalar(value);
            if (text == null || text.isBlank()) {
                add(value, where + "." + key + ": expected text, found " + describe(value));
                return null;
            }
            return text;
        }

        int whole(String key, int min, int max) {
            String text = text(key, true);
            try {
                int number = text == null ? min : Integer.parseInt(text);
                if (number < min || number > max) {
                    add(values.get(key), where + "." + key + ": must be from " + min + " to " + max + ", found "
                            + number);
                }
                return number;
            } catch (NumberFormatException e) {
                add(values.get(key), where + "." + key + ": must be a whole number from " + min + " to " + max
                        + ", found '" + text + "'");
                return min;
            }
        }

        BigDecimal decimal(String key) {
            String text = text(key, true);
            try {
                BigDecimal number = text == null ? BigDecimal.ZERO : new BigDecimal(text);
                if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(10_000_000)) > 0) {
                    add(values.get(key), where + "." + key + ": must be from 0 to 10000000, found " + text);
                }
                return number;
            } catch (NumberFormatException e) {
                add(values.get(key), where + "." + key + ": must be a decimal number, found '" + text + "'");
                return BigDecimal.ZERO;
            }
        }

        LocalDate date(String key) {
            String text = text(key, true);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                add(values.get(key), where + "." + key + ": must be a date YYYY-MM-DD, found '" + text + "'");
                return null;
            }
        }

        /** {@code true} or {@code false}, required: a value must say outright whether it is a placeholder. */
        boolean bool(String key) {
            String text = text(key, true);
            if (text == null) {
                return true;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                add(values.get(key), where + "." + key + ": must be true or false, found '" + text + "'");
                return true;
            }
            return lower.equals("true");
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            String text = text(key, true);
            E[] constants = type.getEnumConstants();
            for (E constant : constants) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            if (text != null) {
                add(values.get(key), where + "." + key + ": must be one of " + Arrays.toString(constants) + ", found '"
                        + text + "'");
            }
            return constants[0];
        }

        Set<CarrierKind> kinds(String key) {
            Set<CarrierKind> kinds = EnumSet.noneOf(CarrierKind.class);
            List<Node> items = list(key, true);
            for (int i = 0; items != null && i < items.size(); i++) {
                String name = scalar(items.get(i));
                try {
                    kinds.add(CarrierKind.valueOf(name == null ? "" : name));
                } catch (IllegalArgumentException e) {
                    add(items.get(i), where + "." + key + "[" + i + "]: must be one of "
                            + Arrays.toString(CarrierKind.values()) + ", found " + describe(items.get(i)));
                }
            }
            if (items != null && items.isEmpty()) {
                add(values.get(key), where + "." + key + " is empty; name at least one carrier kind");
            }
            return kinds;
        }

        /** A list's items, or null when the key is absent (a problem when it is required) or not a list. */
        List<Node> list(String key, boolean required) {
            Node value = required ? required(key) : values.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            add(value, where + "." + key + ": expected a list, found " + describe(value));
            return null;
        }

        /** A required nested mapping, or null after saying what is wrong with it. */
        Fields mapping(String key, String label, String... allowed) {
            Node value = required(key);
            if (value == null) {
                return null;
            }
            String nested = (label == null ? where : label) + "." + key;
            if (value instanceof MappingNode map) {
                return new Fields(map, nested, allowed);
            }
            add(value, nested + ": expected a mapping with " + String.join(", ", allowed) + ", found "
                    + describe(value));
            return null;
        }
    }
}
