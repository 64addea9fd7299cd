package cn.incubation.ledger.directory.projection;

import cn.incubation.ledger.projector.ProjectionBatch;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name index with documents of three entries, so that every beginning splits, searched for every beginning and
 * compared with a scan of all the names: the same tenants in the same order, cut to the first three only where the
 * beginning's own document split, and counted in full.
 */
class NameIndexTest {

    private static final int KEPT = 3;
    private static final String[] CHARACTERS = {"深", "圳", "科", "a"};

    record Name(String key, String tenantId) {
    }

    @Test
    void findsWhatAScanFindsForEveryBeginning() {
        NameIndex index = new NameIndex(KEPT, null);
        ProjectionBatch batch = new ProjectionBatch();
        Random random = new Random(16);
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0, length = 1 + random.nextInt(5); c < length; c++) {
                name.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
            }
            String key = NameKey.of(name.toString());
            String tenantId = "t" + i;
            index.add(tenantId, key, beginning -> false, batch);
            names.add(new Name(key, tenantId));
        }
        names.sort(Comparator.comparing((Name n) -> n.key() + NameIndex.UNIT + n.tenantId()));

        for (String beginning : beginnings(4)) {
            List<String> scanned = names.stream().filter(n -> n.key().startsWith(beginning)).map(Name::tenantId)
                                        .toList();
            NameSearch.Found found = NameSearch.lookUp(beginning, beginnings -> stored(index, beginnings),
                                                       index::document);

            assertThat(found.total()).as(beginning).isEqualTo(scanned.size());
            assertThat(found.tenantIds()).as(beginning)
                                         .isEqualTo(scanned.subList(0, Math.min(scanned.size(),
                                                                                found.tenantIds().size())));
            assertThat(found.tenantIds()).as(beginning).hasSize(scanned.size() > KEPT ? KEPT : scanned.size());
        }
    }

    @Test
    void aTeamThatRegistersIsCountedOnceUnderTheBeginningBothNamesShare() {
        NameIndex index = new NameIndex(KEPT, null);
        ProjectionBatch batch = new ProjectionBatch();
        index.add("t1", NameKey.of("深蓝团队"), beginning -> false, batch);
        String teamKey = NameKey.of("深蓝团队");
        index.add("t1", NameKey.of("深蓝科技有限公司"), teamKey::startsWith, batch);

        NameSearch.Found shared = NameSearch.lookUp("深蓝", b -> stored(index, b), index::document);
        assertThat(shared.tenantIds()).containsExactly("t1");
        assertThat(shared.total()).isEqualTo(1);
        assertThat(NameSearch.lookUp("深蓝科", b -> stored(index, b), index::document).tenantIds())
                .containsExactly("t1");
    }

    @Test
    void fullWidthAndUpperCaseLatinLettersMatchTheirPlainForms() {
        NameIndex index = new NameIndex(KEPT, null);
        index.add("t1", NameKey.of("ＡＢＣ科技"), beginning -> false, new ProjectionBatch());

        assertThat(NameSearch.lookUp(NameKey.of("abc"), b -> stored(index, b), index::document).tenantIds())
                .containsExactly("t1");
    }

    private static Map<String, Document> stored(NameIndex index, List<String> beginnings) {
        Map<String, Document> found = new HashMap<>();
        for (String beginning : beginnings) {
            Document doc = index.document(beginning);
            if (doc != null) {
                found.put(beginning, doc);
            }
        }
        return found;
    }

    /** Every string of one to {@code length} of the test's characters. */
    private static List<String> beginnings(int length) {
        List<String> all = new ArrayList<>();
        List<String> level = List.of("");
        for (int l = 1; l <= length; l++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (String c : CHARACTERS) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            level = next;
        }
        return all;
    }
}
