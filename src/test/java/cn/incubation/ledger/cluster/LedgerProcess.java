package cn.incubation.ledger.cluster;

import cn.incubation.ledger.cli.LedgerCli;
import cn.incubation.ledger.web.LedgerHttp;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A ledger node in a JVM of its own, joining another node's embedded server, that a test can kill outright. */
final class LedgerProcess implements AutoCloseable {

    private final Process process;
    final LedgerHttp http;
    final String name;

    private LedgerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.http = new LedgerHttp(port);
    }

    static LedgerProcess joining(String name, int mongoPort, Path log, String... properties) throws Exception {
        int port = LedgerNode.freePort();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                                 .filter(entry -> !entry.endsWith("test-classes"))
                                 .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xmx512m", "-cp", classpath, LedgerCli.class.getName(), "--server.port=" + port,
                "--ledger.node-id=" + name, LedgerHttp.ADMIN_PASSWORD_ARGUMENT, "--ledger.projections.segments=2",
                "--spring.data.mongodb.uri=mongodb://localhost:" + mongoPort + "/ledger"));
        for (String property : properties) {
            command.add("--" + property);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LedgerProcess node = new LedgerProcess(name, process, port);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped at start; see " + log);
            }
            try {
                if (node.http.get("/actuator/health").status() == 200) {
                    return node;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not start within two minutes; see " + log);
    }

    /** SIGKILL: nothing is released, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
