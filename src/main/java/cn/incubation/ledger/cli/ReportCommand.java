package cn.incubation.ledger.cli;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.regionaltotals.Comparison;
import cn.incubation.ledger.regionaltotals.RegionalTotalsQueries;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.shared.TimeParameters;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Prints or writes the regional comparison between two dates. */
@Command(name = "report", mixinStandardHelpOptions = true,
         description = "The regional comparison between two dates (the shape of the published tables), as a "
                 + "table, CSV or an Excel workbook with Chinese headers. Reads the local data directory, or a running "
                 + "ledger with --server.")
class ReportCommand implements Callable<Integer> {

    enum Format { table, csv, xlsx }

    private final LedgerCli root;

    @Option(names = "--region", required = true, description = "region code, e.g. chengyu, 510100, 500112")
    String region;

    @Option(names = "--from", required = true, description = "first date, YYYY-MM-DD (e.g. 2020-12-31)")
    String from;

    @Option(names = "--to", required = true, description = "second date, YYYY-MM-DD (e.g. 2025-12-31)")
    String to;

    @Option(names = "--known-at", description = "only facts recorded by this instant or date (default: now)")
    String knownAt;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or xlsx (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", description = "write to this file instead of the console (required for xlsx)")
    Path out;

    @Mixin
    RunningLedger remote;

    ReportCommand(LedgerCli root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        if (format == Format.xlsx && out == null) {
            System.err.println("--format xlsx writes a workbook: say where with --out FILE.xlsx");
            return 2;
        }
        Comparison comparison;
        try {
            comparison = remote.given() ? fromServer(remote.login()) : fromLocalLedger();
        } catch (LedgerRejection e) {
            System.err.println("Rejected: " + e.getMessage());
            return 1;
        }
        if (comparison == null) {
            return 1;
        }
        write(comparison, format, out);
        return 0;
    }

    static void write(Comparison comparison, Format format, Path out) throws Exception {
        byte[] bytes;
        if (format == Format.xlsx) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            ComparisonTable.xlsx(comparison, buffer);
            bytes = buffer.toByteArray();
        } else {
            String text = format == Format.csv ? ComparisonTable.csv(comparison) : ComparisonTable.table(comparison);
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        if (out == null) {
            System.out.print(new String(bytes, StandardCharsets.UTF_8));
        } else {
            try (OutputStream file = Files.newOutputStream(out)) {
                file.write(bytes);
            }
            System.out.println("Wrote " + out.toAbsolutePath());
        }
    }

    private Comparison fromLocalLedger() {
        try (ConfigurableApplicationContext ledger = root.start(false, "--logging.level.root=WARN")) {
            ledger.getBean(ProjectionService.class).awaitCaughtUp(Duration.ofMinutes(30));
            TimeParameters times = ledger.getBean(TimeParameters.class);
            return ledger.getBean(RegionalTotalsQueries.class)
                         .comparison(region, times.date("from", from, null), times.date("to", to, null),
                                     times.knownAt(knownAt));
        }
    }

    private Comparison fromServer(Credentials.Login login) throws Exception {
        String query = "/api/regions/" + URLEncoder.encode(region, StandardCharsets.UTF_8) + "/comparison?from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + (knownAt == null ? "" : "&knownAt=" + URLEncoder.encode(knownAt, StandardCharsets.UTF_8));
        return LedgerServer.get(remote.server, login, query, Comparison.class);
    }
}
