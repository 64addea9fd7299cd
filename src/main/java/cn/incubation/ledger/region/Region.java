package cn.incubation.ledger.region;

import java.util.Objects;

/**
 * A place regional totals are kept for: an administrative division with its GB/T 2260 code, or an economic region.
 *
 * @param code       six digits for a division ({@code 500112}), a lowercase word for an economic region
 *                   ({@code chengyu})
 * @param nameZh     the Chinese name, as the Ministry of Civil Affairs writes it
 * @param nameEn     the English name
 * @param parentCode the division one level up; {@code null} for provinces and economic regions
 * @param level      the level, which must be the one the code denotes
 */
public record Region(String code, String nameZh, String nameEn, String parentCode, RegionLevel level) {

    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        if (RegionLevel.of(code) != level) {
            throw new IllegalArgumentException("Region " + code + " is a " + RegionLevel.of(code)
                                               + " by its code, not a " + level);
        }
        if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
            throw new IllegalArgumentException("Region " + code + " needs a Chinese and an English name, got '"
                                               + nameZh + "' and '" + nameEn + "'");
        }
        switch (level) {
            case PROVINCE, ECONOMIC_REGION -> {
                if (parentCode != null) {
                    throw new IllegalArgumentException("Region " + code + " is a " + level
                                                       + " and has no parent, got " + parentCode);
                }
            }
            case CITY, COUNTY -> {
                if (!RegionLevel.isDivisionCode(parentCode)) {
                    throw new IllegalArgumentException("Region " + code + " is a " + level
                                                       + " and needs a six-digit parent code, got " + parentCode);
                }
            }
        }
    }

    /** Whether this is an administrative division rather than an economic region. */
    public boolean isDivision() {
        return level != RegionLevel.ECONOMIC_REGION;
    }
}
