package cn.incubation.ledger.cli;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.mongo.DataDirectoryException;
import cn.incubation.ledger.mongo.MongoProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The ledger's command line: {@code serve} (the default), {@code demo}, {@code import}, {@code report},
 * {@code replay}, {@code user}, {@code verify}, {@code checkpoint}, {@code backup}, {@code restore}, and one
 * subcommand per HTTP command. Spring Boot's {@code --name=value} properties (any name with a dot, such as {@code --server.port=9090} or
 * {@code --ledger.data-dir=/var/lib/ledger}) work with every subcommand and with none. Exit codes: 0 success, 1
 * rejected input (for {@code verify}: a problem found), 2 usage error.
 */
@Command(name = "incubation-ledger", mixinStandardHelpOptions = true, version = "Incubation Ledger 0.1",
         description = "An event-sourced ledger of startup-incubation lifecycles.%n"
                 + "Spring Boot properties (--server.port=9090, --ledger.data-dir=DIR, --spring.data.mongodb.uri=URI) "
                 + "work with every subcommand.",
         subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ReportCommand.class,
                        ReplayCommand.class, UserCommand.class, VerifyCommand.class, CheckpointCommand.class,
                        BackupCommand.class, RestoreCommand.class,
                        CommandLine.HelpCommand.class})
public class LedgerCli implements Callable<Integer> {

    /** Returned by a subcommand that leaves the ledger serving: the JVM must not exit. */
    public static final int KEEP_RUNNING = -1;

    /** Axon's usage reporter calls home at start-up; a ledger on a closed network has no business doing that. */
    private static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    private static final String FAILURE_REPORTER = LoggingFailureAnalysisReporter.class.getName();

    final List<String> springArgs;

    @Option(names = "--init", scope = ScopeType.INHERIT,
            description = "start a new ledger when the data directory does not exist yet; without it a missing "
                    + "directory is an error, so a mistyped --ledger.data-dir never opens an empty ledger")
    boolean init;

    LedgerCli(List<String> springArgs) {
        this.springArgs = springArgs;
    }

    public static void main(String[] args) {
        int exitCode = run(args);
        if (exitCode != KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() {
        return new ServeCommand(this).call();
    }

    /** Runs the command line; returns the exit code, or {@link #KEEP_RUNNING} when the ledger now serves. */
    public static int run(String... args) {
        List<String> spring = new ArrayList<>();
        List<String> cli = new ArrayList<>();
        for (String arg : args) {
            if (isSpringProperty(arg)) {
                spring.add(arg);
            } else {
                cli.add(arg);
            }
        }
        LedgerCli root = new LedgerCli(spring);
        CommandLine commandLine = new CommandLine(root, new Factory(root));
        HttpCommands.register(commandLine);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof Credentials.Missing missing) {
                line.getErr().println(missing.getMessage());
                return 2;
            }
            line.getErr().println(line.getColorScheme().errorText("Error: " + reason(e)));
            return 1;
        });
        return commandLine.execute(cli.toArray(String[]::new));
    }

    /** {@code --name=value} with a dot in the name is Spring's; the ledger's own options have none. */
    static boolean isSpringProperty(String arg) {
        if (!arg.startsWith("--")) {
            return false;
        }
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
        return name.contains(".");
    }

    /** What a failed command says: a data directory's own message rather than the beans it failed in. */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirectoryException) {
                return cause.getMessage();
            }
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /**
     * The data directory as the ledger would resolve it (command line, environment, {@code config/application.yml}),
     * without starting it: for the commands that work on its file while no ledger may hold it.
     */
    Path dataDir() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArgs.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return Binder.get(environment).bindOrCreate("ledger", Bindable.of(MongoProperties.class)).dataDir();
    }

    /** Starts the ledger in this process, serving HTTP or not, on an existing data directory unless {@code --init}. */
    ConfigurableApplicationContext start(boolean web, String... defaults) {
        return start(web, init, defaults);
    }

    /** Starts a ledger that may be new: for the commands that create one on purpose, such as the demo. */
    ConfigurableApplicationContext startNew(boolean web, String... defaults) {
        return start(web, true, defaults);
    }

    private ConfigurableApplicationContext start(boolean web, boolean mayCreate, String... defaults) {
        List<String> all = new ArrayList<>(List.of(defaults));
        if (!mayCreate) {
            all.add("--ledger.require-data-dir=true");
        }
        // The command line prints a failed start in one line (see reason); Boot's report would repeat it. Its logger
        // is muted here for failures before Boot configures logging, and by the property for those after.
        LoggingSystem.get(LedgerCli.class.getClassLoader()).setLogLevel(FAILURE_REPORTER, LogLevel.OFF);
        all.add("--logging.level." + FAILURE_REPORTER + "=OFF");
        all.addAll(springArgs);
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        return new SpringApplicationBuilder(LedgerApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .bannerMode(web ? Banner.Mode.CONSOLE : Banner.Mode.OFF)
                .logStartupInfo(web)
                .run(all.toArray(String[]::new));
    }

    /** Gives every subcommand the root, so it can start the ledger with the Spring arguments. */
    private record Factory(LedgerCli root) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == LedgerCli.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(root));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
