package cn.incubation.ledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.incubation.ledger.security.LocalCredentials;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
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
 * Imports a CSV file of commands, one per row (format in the README): each row is validated and sent through the
 * ledger's HTTP API with an idempotency key derived from the row, so a rejected row stores nothing and importing
 * the same file again (as the same user) stores nothing new. Rejected rows go to a report with line, field, value
 * and reason. With {@code --server} it signs in as {@code --user}; on the local data directory it needs no password
 * (whoever may open the directory may do anything with it) and its events record {@code NAME@local} as their actor.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
         description = "Import a CSV file of commands (UTF-8, a header, one command per row; see the README). Rejected "
                 + "rows are written to a report; importing the same file twice stores nothing new.")
class ImportCommand implements Callable<Integer> {

    static final String COMMAND = "command";
    static final String ID = "id";

    private final LedgerCli root;
    private final ObjectMapper json = new ObjectMapper();

    @Parameters(paramLabel = "FILE", description = "the CSV file")
    Path file;

    @Option(names = "--report", description = "where to write rejected rows (default: FILE.rejected.csv)")
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
            System.err.println("Cannot read " + file.toAbsolutePath() + ": give the path of a CSV file");
            return 2;
        }
        Path reportFile = report != null ? report : file.resolveSibling(file.getFileName() + ".rejected.csv");
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                                                 .setIgnoreEmptyLines(true).get().parse(reader)) {
            String problem = checkHeader(parser.getHeaderNames());
            if (problem != null) {
                System.err.println(file + ": " + problem);
                return 2;
            }
            rows = parser.getRecords();
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            System.err.println(file + " is not a readable CSV file: " + e.getMessage());
            return 2;
        }
        Outcome outcome;
        if (server != null) {
            Credentials.Login login;
            try {
                login = Credentials.of(user, server);
            } catch (Credentials.Missing e) {
                System.err.println(e.getMessage());
                return 2;
            }
            outcome = importRows(rows, server.replaceAll("/+$", ""), reportFile, login);
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
            System.out.println("Rejected rows, with line, field and reason: " + reportFile.toAbsolutePath());
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
            if (!known.contains(column)) {
                return "unknown column '" + column + "'; known columns: " + known;
            }
        }
        return null;
    }

    private Outcome importRows(List<CSVRecord> rows, String base, Path reportFile, Credentials.Login login)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int imported = 0;
        int again = 0;
        List<List<String>> rejected = new ArrayList<>();
        long started = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(rows.size())
                                                       .setUnit(" rows", 1).setStyle(ProgressBarStyle.ASCII)
                                                       .showSpeed().build()) {
            for (CSVRecord row : rows) {
                String line = Long.toString(row.getRecordNumber() + 1);
                Map<String, String> cells = new LinkedHashMap<>();
                row.toMap().forEach((k, v) -> {
                    if (v != null && !v.isBlank()) {
                        cells.put(k, v);
                    }
                });
                String commandName = cells.getOrDefault(COMMAND, "");
                HttpCommands.Definition definition = HttpCommands.COMMANDS.stream()
                                                                          .filter(d -> d.name().equals(commandName))
                                                                          .findFirst().orElse(null);
                if (definition == null) {
                    rejected.add(List.of(line, commandName, COMMAND, commandName, "is not a command; known: "
                            + HttpCommands.COMMANDS.stream().map(HttpCommands.Definition::name).toList()));
                } else {
                    String[] answer = send(client, base, login, definition, cells, line);
                    switch (answer[0]) {
                        case "imported" -> imported++;
                        case "again" -> again++;
                        default -> rejected.add(List.of(line, commandName, answer[1], answer[2], answer[3]));
                    }
                }
                bar.step();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Imported at %,.0f rows/s.%n", rows.size() / Math.max(seconds, 1e-9));
        try (Writer writer = Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8);
             CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader("line", COMMAND, "field", "value", "reason")
                                                   .get().print(writer)) {
            for (List<String> r : rejected) {
                printer.printRecord(r);
            }
        }
        return new Outcome(rows.size(), imported, again, rejected.size());
    }

    /** Sends one row; answers {imported|again|rejected, field, value, reason}. */
    private String[] send(HttpClient client, String base, Credentials.Login login,
                          HttpCommands.Definition definition, Map<String, String> cells, String line)
            throws Exception {
        Set<String> allowed = new LinkedHashSet<>(List.of(COMMAND, ID));
        definition.fields().forEach(f -> allowed.add(f.name()));
        if (definition.path().contains("{investmentId}")) {
            allowed.add("investmentId");
        }
        for (String column : cells.keySet()) {
            if (!allowed.contains(column)) {
                return new String[] {"rejected", column, cells.get(column), "is not a field of " + definition.name()
                        + " (its fields: " + allowed + ")"};
            }
        }
        String path = definition.path();
        Map<String, Object> body = new LinkedHashMap<>();
        for (HttpCommands.Field field : definition.fields()) {
            if (cells.containsKey(field.name())) {
                body.put(field.name(), cells.get(field.name()));
            }
        }
        if (path.contains("{id}")) {
            if (!cells.containsKey(ID)) {
                return new String[] {"rejected", ID, "", "is required: the incubator's or tenant's id"};
            }
            path = path.replace("{id}", URLEncoder.encode(cells.get(ID), StandardCharsets.UTF_8));
        } else if (cells.containsKey(ID)) {
            body.put(definition.name().equals("register-incubator") ? "incubatorId" : "tenantId", cells.get(ID));
        }
        if (path.contains("{investmentId}")) {
            if (!cells.containsKey("investmentId")) {
                return new String[] {"rejected", "investmentId", "", "is required for " + definition.name()};
            }
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
            return new String[] {replayed ? "again" : "imported"};
        }
        if (response.statusCode() == 401 || response.statusCode() == 429) {
            // Not the row's fault: every later row would meet the same answer.
            throw new IllegalStateException("the ledger did not let " + login.user() + " sign in ("
                    + response.statusCode() + "): " + response.body());
        }
        JsonNode problem = json.readTree(response.body());
        return new String[] {"rejected", text(problem, "field"), text(problem, "value"),
                             problem.has("rule") ? text(problem, "rule") : text(problem, "detail")};
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    /** The row's idempotency key: the same row, wherever it sits in whichever file, is the same command. */
    static String key(Map<String, String> cells) throws Exception {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(cells).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\u001f'));
        return "import-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                canonical.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 40);
    }
}
