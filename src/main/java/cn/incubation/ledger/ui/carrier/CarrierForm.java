package cn.incubation.ledger.ui.carrier;

import cn.incubation.ledger.ui.parts.TimesForm;

/** The carrier page's question as typed: the two times, the timeline's event type (or all) and its page. */
public class CarrierForm extends TimesForm {

    private String type;
    private String page;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }
}
