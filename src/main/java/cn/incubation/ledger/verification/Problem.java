package cn.incubation.ledger.verification;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;

/**
 * One thing verification found wrong, at its place in the ledger: the global index, the aggregate and its sequence
 * number (each null where the problem has no such place, and written as null, so that every problem has the same
 * keys), a short code and what it means.
 *
 * @param problem the code: {@code payload-edited}, {@code metadata-edited}, {@code hash-mismatch}, {@code inserted},
 *                {@code reordered}, {@code deleted}, {@code sequence-missing}, {@code index-missing},
 *                {@code chain-broken}, {@code uncommitted}, {@code unhashed}, {@code malformed}, {@code truncated},
 *                {@code checkpoint-mismatch}, {@code checkpoint-missing}, {@code checkpoint-malformed},
 *                {@code checkpoint-unsigned}, {@code checkpoint-forged}
 * @param detail  what was found, in a sentence
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(Long globalIndex, String aggregate, Long sequence, String problem, String detail) {

    /** Problems in the order of their place in the stream; those without a global index last. */
    static final Comparator<Problem> BY_PLACE = Comparator
            .comparing(Problem::globalIndex, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Problem::aggregate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Problem::sequence, Comparator.nullsLast(Comparator.naturalOrder()));

    @Override
    public String toString() {
        StringBuilder place = new StringBuilder();
        if (globalIndex != null) {
            place.append("global index ").append(globalIndex);
        }
        if (aggregate != null) {
            place.append(place.isEmpty() ? "" : ", ").append(aggregate);
            if (sequence != null) {
                place.append(" #").append(sequence);
            }
        }
        return (place.isEmpty() ? "" : place + ": ") + problem + ": " + detail;
    }
}
