package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.ui.parts.TimesForm;

/**
 * What the overview's reader typed, as typed: bound from the query string and kept as text so that a bad value goes
 * back into its field beside the message that says what is wrong with it.
 */
public class OverviewForm extends TimesForm {

    private String region;
    private String granularity;
    private String seriesFrom;
    private String seriesTo;
    private String from;
    private String to;
    private String since;

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getGranularity() {
        return granularity;
    }

    public void setGranularity(String granularity) {
        this.granularity = granularity;
    }

    public String getSeriesFrom() {
        return seriesFrom;
    }

    public void setSeriesFrom(String seriesFrom) {
        this.seriesFrom = seriesFrom;
    }

    public String getSeriesTo() {
        return seriesTo;
    }

    public void setSeriesTo(String seriesTo) {
        this.seriesTo = seriesTo;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
