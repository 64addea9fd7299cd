package cn.incubation.ledger.ui.overview;

import cn.incubation.ledger.region.Region;
import cn.incubation.ledger.region.RegionCatalog;
import cn.incubation.ledger.region.RegionLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the reader can go from a region: the economic regions and the provinces to pick from, the way up from the
 * region (province → city → district) and the regions one level down, so that any region of the hierarchy is a few
 * clicks away without typing a code.
 */
record RegionChoices(List<Region> economicRegions, List<Region> provinces, List<Region> ancestors,
                     List<Region> children, List<Region> partialMembers) {

    static RegionChoices around(Region region, RegionCatalog regions) {
        List<Region> economic = regions.all().stream().filter(r -> r.level() == RegionLevel.ECONOMIC_REGION).toList();
        List<Region> provinces = regions.all().stream().filter(r -> r.level() == RegionLevel.PROVINCE).toList();
        List<Region> ancestors = new ArrayList<>();
        for (String parent = region.parentCode(); parent != null; ) {
            Region up = regions.require(parent);
            ancestors.add(up);
            parent = up.parentCode();
        }
        Collections.reverse(ancestors);
        List<Region> partial = regions.partialMembers(region.code()).stream().map(regions::require).toList();
        return new RegionChoices(economic, provinces, ancestors, regions.children(region.code()), partial);
    }
}
