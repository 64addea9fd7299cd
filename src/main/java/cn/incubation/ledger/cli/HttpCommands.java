package cn.incubation.ledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subcommand per HTTP command, sent to a running ledger ({@code --server}, default http://localhost:8080) as the
 * user {@code --user} (see {@link Credentials}). The options are the request's JSON fields; the answer (or the
 * problem) is printed as the ledger gave it.
 */
final class HttpCommands {

    /** A field of a command's body: its name, whether it is required, and what it means. */
    record Field(String name, boolean required, String description) {
    }

    /** A command: its name, the path (with {@code {id}} and {@code {investmentId}} taken from parameters), fields. */
    record Definition(String name, String path, String description, List<Field> fields) {
    }

    private static Field req(String name, String description) {
        return new Field(name, true, description);
    }

    private static Field opt(String name, String description) {
        return new Field(name, false, description);
    }

    static final String DATE = "YYYY-MM-DD";

    static final List<Definition> COMMANDS = List.of(
            new Definition("register-incubator", "/api/incubators", "Register a carrier.", List.of(
                    opt("incubatorId", "id, [a-z0-9-]{3,64} (generated when absent)"), req("name", "name"),
                    req("kind", "MAKER_SPACE, INCUBATOR, ACCELERATOR, UNIVERSITY_SCIENCE_PARK, CONCEPT_VERIFICATION_CENTER"),
                    req("regionCode", "division code (GB/T 2260), e.g. 510107"), req("operator", "operating organisation"),
                    req("openedOn", DATE), req("floorAreaM2", "incubation floor area in m²"),
                    req("staff", "incubation staff"))),
            new Definition("accredit", "/api/incubators/{id}/accreditations", "Record an accreditation.", List.of(
                    req("level", "DISTRICT, MUNICIPAL, PROVINCIAL, NATIONAL"), req("accreditedOn", DATE))),
            new Definition("change-floor-area", "/api/incubators/{id}/floor-area", "Record a new floor area.",
                           List.of(req("floorAreaM2", "m²"), req("changedOn", DATE))),
            new Definition("report-staff", "/api/incubators/{id}/staff", "Report incubation staff.",
                           List.of(req("staff", "count"), req("reportedOn", DATE))),
            new Definition("rate", "/api/incubators/{id}/ratings", "Record an annual rating.",
                           List.of(req("year", "e.g. 2024"), req("rating", "EXCELLENT, GOOD, PASS, FAIL"))),
            new Definition("close-incubator", "/api/incubators/{id}/closure", "Record that a carrier closed.",
                           List.of(req("closedOn", DATE), req("reason", "why"))),
            new Definition("admit-tenant", "/api/tenants", "Admit a company, or a team without one, to a carrier; "
                    + "an incubation that ended before another of the company is given with its end.", List.of(
                    opt("tenantId", "id (generated when absent)"), req("incubatorId", "the carrier"),
                    opt("companyName", "company name (a company)"),
                    opt("creditCode", "unified social credit code, 18 characters (a company)"),
                    opt("teamName", "the team's name (a team without a company)"), req("sector", "sector"),
                    opt("foundedOn", DATE + " (required for a company)"), req("admittedOn", DATE),
                    opt("graduatedOn", DATE + ", for an incubation that ended already"),
                    opt("criterion", "graduation criterion met, with graduatedOn"),
                    opt("withdrawnOn", DATE + ", for an incubation that ended already"),
                    opt("reason", "why it was withdrawn, with withdrawnOn"))),
            new Definition("register-company", "/api/tenants/{id}/registration",
                           "Record that a team registered its company.", List.of(
                    req("companyName", "company name"), req("creditCode", "unified social credit code (18 characters)"),
                    req("registeredOn", DATE))),
            new Definition("grant-ip", "/api/tenants/{id}/ip-grants", "Record IP granted to a tenant.", List.of(
                    req("kind", "INVENTION_PATENT, UTILITY_MODEL, DESIGN_PATENT, SOFTWARE_COPYRIGHT, IC_LAYOUT, "
                            + "TRADEMARK, OTHER"),
                    req("number", "grant number"), req("title", "title"), req("grantedOn", DATE))),
            new Definition("receive-investment", "/api/tenants/{id}/investments", "Record an investment received.",
                           List.of(opt("investmentId", "id (generated when absent)"),
                                   req("round", "ANGEL, SEED, PRE_A, A, B, C, LATER, GRANT, LOAN, OTHER"),
                                   req("investor", "investor"), req("amount", "decimal, e.g. 1000000.00"),
                                   req("currency", "ISO 4217, e.g. CNY"), opt("cnyRate", "required unless CNY"),
                                   req("receivedOn", DATE))),
            new Definition("report-headcount", "/api/tenants/{id}/headcount", "Report a tenant's headcount.",
                           List.of(req("employees", "count"), req("reportedOn", DATE))),
            new Definition("log-milestone", "/api/tenants/{id}/milestones", "Record a milestone.", List.of(
                    req("kind", "HIGH_TECH_ENTERPRISE, TECH_BASED_SME, SPECIALISED_SOPHISTICATED, AWARD, PRODUCT_LAUNCH, "
                            + "RESEARCH_TRANSFER, OTHER"),
                    req("description", "what"), req("reachedOn", DATE))),
            new Definition("graduate", "/api/tenants/{id}/graduation", "Record a graduation.",
                           List.of(req("graduatedOn", DATE), req("criterion", "graduation criterion met"))),
            new Definition("withdraw", "/api/tenants/{id}/withdrawal", "Record a withdrawal.",
                           List.of(req("withdrawnOn", DATE), req("reason", "why"))),
            new Definition("correct-investment", "/api/tenants/{id}/investments/{investmentId}/correction",
                           "Correct a recorded investment (give the fields that change).", List.of(
                    opt("amount", "decimal"), opt("currency", "ISO 4217"), opt("cnyRate", "decimal"),
                    opt("investor", "investor"), opt("round", "round"), opt("receivedOn", DATE),
                    req("reason", "why"))),
            new Definition("retract-investment", "/api/tenants/{id}/investments/{investmentId}/retraction",
                           "Retract a recorded investment.", List.of(req("reason", "why"))));

    private HttpCommands() {
    }

    static void register(CommandLine root) {
        for (Definition definition : COMMANDS) {
            CommandSpec spec = CommandSpec.create().name(definition.name()).mixinStandardHelpOptions(true);
            spec.usageMessage().description(definition.description() + " Sent to a running ledger.");
            int position = 0;
            for (String parameter : List.of("id", "investmentId")) {
                if (definition.path().contains("{" + parameter + "}")) {
                    spec.addPositional(PositionalParamSpec.builder().index(Integer.toString(position++))
                                                          .paramLabel(parameter.equals("id") ? "ID" : "INVESTMENT_ID")
                                                          .description(parameter.equals("id")
                                                                               ? "the incubator's or tenant's id"
                                                                               : "the investment's id")
                                                          .type(String.class).build());
                }
            }
            for (Field field : definition.fields()) {
                spec.addOption(OptionSpec.builder("--" + kebab(field.name())).paramLabel(field.name().toUpperCase())
                                         .required(field.required()).type(String.class)
                                         .description(field.description()).build());
            }
            spec.addOption(OptionSpec.builder("--server").paramLabel("URL").type(String.class)
                                     .defaultValue("http://localhost:8080")
                                     .description("the ledger's address (default: ${DEFAULT-VALUE})").build());
            spec.addOption(OptionSpec.builder("--user").paramLabel("NAME").type(String.class)
                                     .description("sign in as this user (default: $" + Credentials.USER_VARIABLE
                                                          + "); the password comes from $"
                                                          + Credentials.PASSWORD_VARIABLE + " or a prompt")
                                     .build());
            spec.addOption(OptionSpec.builder("--idempotency-key").paramLabel("KEY").type(String.class)
                                     .description("repeat-safe: the same key with the same body is applied once")
                                     .build());
            spec.addOption(OptionSpec.builder("--if-match").paramLabel("VERSION").type(String.class)
                                     .description("apply only if the aggregate is at this version").build());
            root.addSubcommand(definition.name(), new CommandLine(spec));
        }
        root.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            ParseResult last = parsed;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            String name = last.commandSpec().name();
            for (Definition definition : COMMANDS) {
                if (definition.name().equals(name) && last.commandSpec().userObject() == null) {
                    return send(definition, last);
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static int send(Definition definition, ParseResult parsed) {
        String path = definition.path();
        List<PositionalParamSpec> positionals = parsed.commandSpec().positionalParameters();
        for (PositionalParamSpec positional : positionals) {
            String name = positional.paramLabel().equals("ID") ? "id" : "investmentId";
            String value = positional.getValue();
            if (value == null) {
                System.err.println("Missing " + positional.paramLabel() + ": " + definition.name() + " needs it "
                                           + "(see --help)");
                return 2;
            }
            path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (Field field : definition.fields()) {
            String value = parsed.commandSpec().findOption("--" + kebab(field.name())).getValue();
            if (value != null) {
                body.put(field.name(), value);
            }
        }
        String server = parsed.commandSpec().findOption("--server").getValue();
        Credentials.Login login;
        try {
            login = Credentials.of(parsed.commandSpec().findOption("--user").getValue(), server);
        } catch (Credentials.Missing e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + path))
                                                     .header("Content-Type", "application/json")
                                                     .header("Authorization", login.authorization())
                                                     .POST(HttpRequest.BodyPublishers.ofString(
                                                             new ObjectMapper().writeValueAsString(body)));
            String key = parsed.commandSpec().findOption("--idempotency-key").getValue();
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            String ifMatch = parsed.commandSpec().findOption("--if-match").getValue();
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                System.out.println(response.body());
                return 0;
            }
            System.err.println(Refusals.refused(response.statusCode(), response.body()));
            return 1;
        } catch (IOException e) {
            System.err.println(Refusals.unreachable(server, e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("Interrupted before the ledger answered");
            return 1;
        }
    }
}
