package cn.incubation.ledger.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code demo} end to end: generate, load, wait for the projections, print the comparison. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void loadsTheDemoAndPrintsTheComparisonThenLoadsNothingTheSecondTime() {
        String first = run();
        assertThat(first).contains("Loaded ").contains("Region chengyu: 2025-12-31 compared with 2020-12-31")
                         .containsPattern("admin +ADMIN +admin-demo-2025")
                         .containsPattern("demo-operator +OPERATOR +operator-demo-2025 +carriers [a-z0-9-]+, [a-z0-9-]+")
                         .containsPattern("demo-fund +FUND_MANAGER +fund-demo-2025 +every investor")
                         .containsPattern("demo-analyst +ANALYST +analyst-demo-2025")
                         .containsPattern("companiesIncubated +[0-9,]+ +[0-9,]+ +[0-9,]+ +2[34]\\.[0-9]%");

        String second = run();
        assertThat(second).contains("already holds").doesNotContain("Loaded ")
                          .containsPattern("demo-operator +OPERATOR +operator-demo-2025")
                          .contains("Region chengyu: 2025-12-31 compared with 2020-12-31");
    }

    private String run() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(LedgerCli.run("demo", "--scale", "0.01", "--exit", "--server.port=0",
                                     "--ledger.data-dir=" + dir.resolve("data"))).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
