package cn.incubation.ledger.region;

import java.util.regex.Pattern;

/** Where a region sits in the roll-up of regional totals: county → city → province, plus economic regions. */
public enum RegionLevel {
    /** A provincial-level division (省级: province, autonomous region, municipality, SAR), code {@code xx0000}. */
    PROVINCE,
    /** A prefecture-level division (地级: city, autonomous prefecture), code {@code xxxx00}. */
    CITY,
    /** A county-level division (县级: district, county, county-level city), any other six-digit code. */
    COUNTY,
    /** A group of divisions named by a plan, such as the Chengdu–Chongqing economic circle; code a lowercase word. */
    ECONOMIC_REGION;

    private static final Pattern DIVISION_CODE = Pattern.compile("[1-9]\\d{5}");
    private static final Pattern ECONOMIC_REGION_CODE = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * The level a code denotes: GB/T 2260 puts the level in the code itself (zeros for the levels below), and
     * economic regions are named with lowercase words so that they can never clash with a division.
     *
     * @throws IllegalArgumentException if the code is neither six digits nor a lowercase word
     */
    public static RegionLevel of(String code) {
        if (code != null && DIVISION_CODE.matcher(code).matches()) {
            if (code.endsWith("0000")) {
                return PROVINCE;
            }
            return code.endsWith("00") ? CITY : COUNTY;
        }
        if (code != null && ECONOMIC_REGION_CODE.matcher(code).matches()) {
            return ECONOMIC_REGION;
        }
        throw new IllegalArgumentException("Region code '" + code + "' is neither a six-digit GB/T 2260 code "
                                           + "(like 500112) nor a lowercase economic-region name (like chengyu)");
    }

    /** Whether a code is a six-digit administrative division code. */
    static boolean isDivisionCode(String code) {
        return code != null && DIVISION_CODE.matcher(code).matches();
    }

    /** Whether a code has the form of an economic region's name. */
    static boolean isEconomicRegionCode(String code) {
        return code != null && ECONOMIC_REGION_CODE.matcher(code).matches();
    }
}
