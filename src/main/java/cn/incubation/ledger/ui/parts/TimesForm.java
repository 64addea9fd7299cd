package cn.incubation.ledger.ui.parts;

/**
 * The two times of a page's question as typed, kept as text so that a bad value goes back into its field: the
 * business date ({@code asOf}) and the record time ({@code knownAt}).
 */
public class TimesForm {

    private String asOf;
    private String knownAt;

    public String getAsOf() {
        return asOf;
    }

    public void setAsOf(String asOf) {
        this.asOf = asOf;
    }

    public String getKnownAt() {
        return knownAt;
    }

    public void setKnownAt(String knownAt) {
        this.knownAt = knownAt;
    }
}
