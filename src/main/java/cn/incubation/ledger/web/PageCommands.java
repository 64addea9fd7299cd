package cn.incubation.ledger.web;

import cn.incubation.ledger.security.CarrierAccess;
import cn.incubation.ledger.shared.Accepted;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The API's command path for the pages' forms: the same dispatcher, so the same validation, rules, actor and
 * idempotency as a request to {@code /api}; only the idempotency key comes from the form (a hidden field made when
 * the form was shown) instead of a header.
 */
@Component
public class PageCommands {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    /** How often, and how far apart, a second submit asks whether the first has been answered. */
    private static final int FIRST_SUBMIT_CHECKS = 25;
    private static final Duration FIRST_SUBMIT_PAUSE = Duration.ofMillis(200);

    private final CommandDispatcher dispatcher;
    private final CarrierAccess carriers;

    PageCommands(CommandDispatcher dispatcher, CarrierAccess carriers) {
        this.dispatcher = dispatcher;
        this.carriers = carriers;
    }

    /** What a form's command came to: the ledger's answer, and whether the key had been used (nothing new stored). */
    public record Sent(Accepted accepted, boolean replayed) {
    }

    /** A command about an existing aggregate (the tenant or carrier {@code targetId}). */
    public Sent send(HttpServletRequest request, String idempotencyKey, Object form, Object command,
                     String targetField, String targetId) {
        CommandDispatcher.Conditions conditions = conditions(request, idempotencyKey);
        return awaitingFirstSubmit(() -> dispatcher.send(request, conditions, form, command, targetField, targetId,
                                                         null));
    }

    /** An admission: the carrier's scope checked as the API checks it, then the tenant created under its new id. */
    public Sent admit(HttpServletRequest request, String idempotencyKey, Object form, AdmitTenant command) {
        CommandDispatcher.Conditions conditions = conditions(request, idempotencyKey);
        carriers.requireWriteAccess(command.incubatorId());
        return awaitingFirstSubmit(() -> dispatcher.create(request, conditions, form, command, "tenantId",
                                                           command.tenantId(), a -> "/api/tenants/" + a.id()));
    }

    /** An id for what a form creates, derived from its idempotency key so that a second submit names the same. */
    public String newId(HttpServletRequest request, String idempotencyKey, String prefix) {
        return conditions(request, idempotencyKey).newId(prefix);
    }

    private CommandDispatcher.Conditions conditions(HttpServletRequest request, String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw LedgerRejection.invalid(CommandDispatcher.IDEMPOTENCY_KEY, idempotencyKey,
                                          "must be 1 to 200 visible ASCII characters; reload the form");
        }
        return new CommandDispatcher.Conditions(idempotencyKey, null, CorrelationFilter.of(request),
                                                CommandDispatcher.actor(request));
    }

    /**
     * A double click sends the form twice at once, and the browser shows the second answer: while the first is still
     * being stored the second waits for its answer (and gets it, replayed) rather than show an error for a fact that
     * is being recorded.
     */
    private static Sent awaitingFirstSubmit(Supplier<ResponseEntity<Accepted>> dispatch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sent(dispatch.get());
            } catch (LedgerRejection e) {
                boolean inProgress = e.kind() == LedgerRejection.Kind.CONFLICT
                        && CommandDispatcher.IDEMPOTENCY_KEY.equals(e.field())
                        && e.rule().contains("still being processed");
                if (!inProgress || attempt == FIRST_SUBMIT_CHECKS) {
                    throw e;
                }
                try {
                    Thread.sleep(FIRST_SUBMIT_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Sent sent(ResponseEntity<Accepted> answer) {
        return new Sent(answer.getBody(), "true".equals(answer.getHeaders().getFirst(CommandDispatcher.REPLAYED)));
    }
}
