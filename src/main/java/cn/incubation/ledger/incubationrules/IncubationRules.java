package cn.incubation.ledger.incubationrules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The national incubation rule sets the ledger knows, each in force from its date until the next one's, as read from
 * {@code config/incubation-rules.yaml}: a fact is judged by the set in force on the date being judged. The earliest
 * set also judges the dates before it, since the ledger knows no older one.
 */
public final class IncubationRules {

    private final String source;
    private final List<RuleSet> sets;

    /** The sets in the order they took effect; each one's {@code until} is set from its successor. */
    IncubationRules(String source, List<RuleSet> sets) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no rule sets");
        }
        List<RuleSet> chained = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            RuleSet set = sets.get(i);
            if (i > 0 && !set.from().isAfter(sets.get(i - 1).from())) {
                throw new IllegalArgumentException("rule set " + set.id() + " does not begin after "
                                                   + sets.get(i - 1).id());
            }
            chained.add(i + 1 < sets.size() ? set.until(sets.get(i + 1).from().minusDays(1)) : set);
        }
        this.source = source;
        this.sets = List.copyOf(chained);
    }

    /** The set in force on the date: the latest that began on or before it, or the earliest for older dates. */
    public RuleSet inForceOn(LocalDate date) {
        RuleSet inForce = sets.get(0);
        for (RuleSet set : sets) {
            if (!set.from().isAfter(date)) {
                inForce = set;
            }
        }
        return inForce;
    }

    /** The set in force on the date as an answer shows it, saying when it judges a date before it began. */
    public Applied appliedOn(LocalDate date) {
        RuleSet set = inForceOn(date);
        String note = date.isBefore(set.from())
                ? "the earliest rule set the ledger knows, applied to a date before it took effect (" + set.from()
                  + "); 早于该办法施行日，按账本已知最早的规则判断"
                : null;
        return new Applied(set.id(), set.title(), set.titleEn(), set.document(), set.issuer(), set.from(),
                           set.until(), set.tier(), set.provisionalValues(), note);
    }

    /** Every set, in the order they took effect. */
    public List<RuleSet> all() {
        return sets;
    }

    /** Where the rules were read from. */
    public String source() {
        return source;
    }

    /** Reads a rule file; errors name the file, the line and what is wrong. */
    public static IncubationRules load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return RuleFileReader.read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the incubation rules " + file + ": " + e, e);
        }
    }

    /** Reads rules from a UTF-8 stream, which stays open; errors name {@code sourceName}. */
    public static IncubationRules load(InputStream in, String sourceName) {
        return RuleFileReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName);
    }

    /**
     * The rule set an answer was judged by: what it is, when it is in force ({@code until} null while no later set
     * replaces it), the ids of its rules whose values are provisional placeholders, and a note when the date judged
     * lies before it.
     */
    public record Applied(String id, String title, String titleEn, String document, String issuer, LocalDate from,
                          LocalDate until, String tier, List<String> provisionalValues, String note) {
    }
}
