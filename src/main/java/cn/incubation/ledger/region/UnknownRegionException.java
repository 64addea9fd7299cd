package cn.incubation.ledger.region;

/** A region code that the region catalog does not hold. */
public class UnknownRegionException extends RuntimeException {

    private final String code;

    public UnknownRegionException(String code, String catalogSource) {
        super("Unknown region '" + code + "': it is not in the region catalog (" + catalogSource
              + "); division codes are six-digit GB/T 2260 codes such as 500112, economic regions lowercase "
              + "words such as chengyu");
        this.code = code;
    }

    /** The code that was asked for. */
    public String code() {
        return code;
    }
}
