package cn.incubation.ledger.cluster;

import cn.incubation.ledger.LedgerApplication;
import cn.incubation.ledger.web.LedgerHttp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * One ledger node in this JVM, with its own application context and HTTP port: the first of a cluster hosts the
 * embedded MongoDB (in memory) on a port of its own, the others connect to it as they would to a real MongoDB.
 */
final class LedgerNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final LedgerHttp http;
    final String name;

    private LedgerNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.http = new LedgerHttp(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    /** A node that hosts the embedded server on {@code mongoPort}. */
    static LedgerNode hosting(String name, int mongoPort, String... properties) {
        List<String> all = new ArrayList<>(List.of("ledger.embedded.backend=memory",
                                                   "ledger.embedded.port=" + mongoPort));
        all.addAll(List.of(properties));
        return start(name, all);
    }

    /** A node that uses the embedded server another node hosts on {@code mongoPort}. */
    static LedgerNode joining(String name, int mongoPort, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.data.mongodb.uri=mongodb://localhost:" + mongoPort
                                                           + "/ledger"));
        all.addAll(List.of(properties));
        return start(name, all);
    }

    private static LedgerNode start(String name, List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("server.port=0");
        all.add("ledger.node-id=" + name);
        all.add(LedgerHttp.ADMIN_PASSWORD_PROPERTY);
        // Two segments per projection that may have them, so that the nodes share work within a projection too.
        if (all.stream().noneMatch(p -> p.startsWith("ledger.projections.segments="))) {
            all.add("ledger.projections.segments=2");
        }
        // As arguments, as an operator gives them: default properties would lose to config/application.yml.
        return new LedgerNode(name, new SpringApplicationBuilder(LedgerApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
