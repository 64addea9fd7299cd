package cn.incubation.ledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.incubation.ledger.security.LocalCredentials;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Imports a file of commands, one per row (format in the README; read by {@link ImportFile}): each row is checked
 * ({@link ImportRowCheck}) and sent through the ledger's HTTP API with an idempotency key derived from the row, so a
 * rejected row stores nothing and importing the same file again (as the same user) stores nothing new. Rejected rows
 * are written back as they were, with a column saying everything found wrong with each. With {@code --server} it signs in as {@code --user}; on the local data directory it needs no password
 * (whoever may open the directory may do anything with it) and its events record {@code NAME@local} as their actor.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
         description = "Import a file of commands, one per row under a header (see the README): CSV in UTF-8 (with or "
                 + "without BOM) or GBK, or an xlsx workbook's first sheet. Rejected rows are written back with a "
                 + "column saying why; importing the same file twice stores nothing new.")
class ImportCommand implements Callable<Integer> {

    static final String COMMAND = "command";
    static final String ID = "id";
    /** The column the rejected-rows file adds, saying why; an import ignores it, so that file imports once fixed. */
    static final String REJECTION = "rejection";
    private static final String IMPORTED = "\0imported";
    private static final String AGAIN = "\0again";

    private final LedgerCli root;
    private final ObjectMapper json = new ObjectMapper();

    @Parameters(paramLabel = "FILE", description = "the CSV or xlsx file")
    Path file;

    @Option(names = "--report", description = "where to write the rejected rows, as CSV with a BOM (default: "
            + "FILE.rejected.csv)")
    Path report;

    @Option(names = "--server", description = "import into a running ledger at this URL instead of the local data "
            + "directory")
    String server;

    @Option(names = "--user", description = "with --server: sign in as this user (default: $LEDGER_USER; the password "
            + "comes from $LEDGER_PASSWORD or a prompt). Without it: the name the events record, as NAME@local "
            + "(default: the operating-system user)")
    String user;

    ImportCommand(LedgerCli root) {
        this.root = root;
    }

    /** Counts of what happened to the rows. */
    record Outcome(int rows, int imported, int alreadyImported, int rejected) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file.toAbsolutePath() + ": give the path of a CSV or xlsx file");
            return 2;
        }
        Path reportFile = report != null ? report : file.resolveSibling(file.getFileName() + ".rejected.csv");
        ImportFile rows;
        try {
            rows = ImportFile.read(file);
        } catch (ImportFile.Unreadable e) {
            System.err.println(file + " " + e.getMessage());
            return 2;
        }
        String problem = checkHeader(rows.header());
        if (problem != null) {
            System.err.println(file + ": " + problem);
            return 2;
        }
        System.out.printf(Locale.ROOT, "Read %,d rows from %s (%s).%n", rows.lines().size(), file, rows.format());
        Outcome outcome;
        if (server != null) {
            outcome = importRows(rows, server.replaceAll("/+$", ""), reportFile, Credentials.of(user, server));
        } else {
            // The ledger started here listens on the loopback only, for this import's requests.
            try (ConfigurableApplicationContext ledger = root.start(true, "--server.port=0",
                                                                    "--server.address=127.0.0.1",
                                                                    "--logging.level.root=WARN")) {
                int port = ((WebServerApplicationContext) ledger).getWebServer().getPort();
                LocalCredentials.Issued local = ledger.getBean(LocalCredentials.class).issue(
                        user != null ? user : System.getProperty("user.name", "unknown"));
                System.out.println("Importing as " + local.username() + " (recorded as the actor of each event).");
                outcome = importRows(rows, "http://127.0.0.1:" + port, reportFile,
                                     new Credentials.Login(local.username(), local.password()));
            }
        }
        System.out.printf(Locale.ROOT, "%,d rows: %,d imported, %,d already imported, %,d rejected.%n", outcome.rows(),
                          outcome.imported(), outcome.alreadyImported(), outcome.rejected());
        if (outcome.rejected() > 0) {
            System.out.println("Rejected rows, as they were with a column '" + REJECTION + "' saying why (fix them "
                                       + "and import that file again): " + reportFile.toAbsolutePath());
            return 1;
        }
        return 0;
    }

    static String checkHeader(List<String> header) {
        Set<String> known = new LinkedHashSet<>(List.of(COMMAND, ID));
        HttpCommands.COMMANDS.forEach(d -> d.fields().forEach(f -> known.add(f.name())));
        known.add("investmentId");
        if (!header.contains(COMMAND)) {
            return "the header has no 'command' column; it needs one, and columns named as the API's fields: " + known;
        }
        for (String column : header) {
            if (!known.contains(column) && !column.equals(REJECTION)) {
                return "unknown column '" + column + "'; known columns: " + known;
            }
        }
        return null;
    }

    private Outcome importRows(ImportFile rows, String base, Path reportFile, Credentials.Login login)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int imported = 0;
        int again = 0;
        List<String> header = rows.header();
        List<String> reportHeader = new ArrayList<>(header.stream().filter(c -> !c.equals(REJECTION)).toList());
        reportHeader.add(REJECTION);
        List<List<String>> rejected = new ArrayList<>();
        long started = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(rows.lines().size())
                                                       .setUnit(" rows", 1).setStyle(ProgressBarStyle.ASCII)
                                                       .showSpeed().build()) {
            for (ImportFile.Line row : rows.lines()) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String value = row.cells().get(i);
                    if (!header.get(i).equals(REJECTION) && value != null && !value.isBlank()) {
                        cells.put(header.get(i), value.strip());
                    }
                }
                String answer = send(client, base, login, cells, row.number());
                switch (answer) {
                    case IMPORTED -> imported++;
                    case AGAIN -> again++;
                    default -> {
                        List<String> kept = new ArrayList<>();
                        for (int i = 0; i < header.size(); i++) {
                            if (!header.get(i).equals(REJECTION)) {
                                kept.add(row.cells().get(i));
                            }
                        }
                        kept.add("line " + row.number() + ": " + answer);
                        rejected.add(kept);
                    }
                }
                bar.step();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Imported at %,.0f rows/s.%n", rows.lines().size() / Math.max(seconds, 1e-9));
        // With a byte-order mark: Excel on Chinese Windows opens it as UTF-8, and the import reads it back.
        try (Writer writer = Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8)) {
            writer.write('\uFEFF');
            try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(reportHeader.toArray(String[]::new)).get()
                                                       .print(writer)) {
                for (List<String> r : rejected) {
                    printer.printRecord(r);
                }
            }
        }
        return new Outcome(rows.lines().size(), imported, again, rejected.size());
    }

    /** Sends one row; answers {@link #IMPORTED}, {@link #AGAIN}, or every problem found with it. */
    private String send(HttpClient client, String base, Credentials.Login login, Map<String, String> given,
                        long line) throws Exception {
        String commandName = given.getOrDefault(COMMAND, "");
        HttpCommands.Definition definition = HttpCommands.COMMANDS.stream()
                                                                  .filter(d -> d.name().equals(commandName))
                                                                  .findFirst().orElse(null);
        if (definition == null) {
            return "command = " + commandName + ": is not a command; known: "
                    + HttpCommands.COMMANDS.stream().map(HttpCommands.Definition::name).toList();
        }
        ImportRowCheck.Checked checked = ImportRowCheck.check(definition, given);
        if (!checked.problems().isEmpty()) {
            return String.join("; ", checked.problems());
        }
        Map<String, String> cells = checked.cells();
        String path = definition.path();
        Map<String, Object> body = new LinkedHashMap<>();
        for (HttpCommands.Field field : definition.fields()) {
            if (cells.containsKey(field.name())) {
                body.put(field.name(), cells.get(field.name()));
            }
        }
        if (path.contains("{id}")) {
            path = path.replace("{id}", URLEncoder.encode(cells.get(ID), StandardCharsets.UTF_8));
        } else if (cells.containsKey(ID)) {
            body.put(definition.name().equals("register-incubator") ? "incubatorId" : "tenantId", cells.get(ID));
        }
        if (path.contains("{investmentId}")) {
            path = path.replace("{investmentId}", URLEncoder.encode(cells.get("investmentId"), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                           .header("Authorization", login.authorization())
                           .header("Idempotency-Key", key(cells)).header("X-Correlation-Id", "import:" + line)
                           .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 == 2) {
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
            return replayed ? AGAIN : IMPORTED;
        }
        if (response.statusCode() == 401 || response.statusCode() == 429) {
            // Not the row's fault: every later row would meet the same answer.
            throw new IllegalStateException("the ledger did not let " + login.user() + " sign in ("
                    + response.statusCode() + "): " + response.body());
        }
        JsonNode problem = json.readTree(response.body());
        return problem.hasNonNull("detail") ? problem.get("detail").asText() : response.body();
    }

    /** The row's idempotency key: the same row, wherever it sits in whichever file, is the same command. */
    static String key(Map<String, String> cells) throws Exception {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(cells).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\u001f'));
        return "import-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                canonical.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 40);
    }
}
