package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.projector.ProjectionService;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.ui.forms.FactForms.Definition;
import cn.incubation.ledger.ui.forms.FactForms.Target;
import cn.incubation.ledger.web.PageCommands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandExecutionException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's forms, one per fact ({@link FactForms}): shown with a fresh idempotency key, posted through the API's
 * command path ({@link PageCommands}), a rejection shown beside the field it names in the reader's language, and a
 * recorded fact answered with a redirect to the carrier's or tenant's page and a note saying so.
 */
@Controller
class FactFormController {

    static final String CARRIER_FORM = "/carriers/{id}/forms/{fact}";
    static final String TENANT_FORM = "/tenants/{id}/forms/{fact}";
    static final String INVESTMENT_FORM = "/tenants/{id}/investments/{investmentId}/forms/{fact}";
    /** How long a recorded fact waits for the figures to show it before the note says they will, later. */
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(5);

    private final PageCommands commands;
    private final ProjectionService projections;
    private final MessageSource messages;

    FactFormController(PageCommands commands, ProjectionService projections, MessageSource messages) {
        this.commands = commands;
        this.projections = projections;
        this.messages = messages;
    }

    /** An empty field is a value not given, as a missing JSON field is to the API. */
    @InitBinder("form")
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping(CARRIER_FORM)
    String carrierForm(@PathVariable String id, @PathVariable String fact, Model model) {
        return show(FactForms.find(Target.CARRIER, fact), id, null, new FactForm(), Map.of(), null, model);
    }

    @PostMapping(CARRIER_FORM)
    String carrierFact(@PathVariable String id, @PathVariable String fact, @ModelAttribute("form") FactForm form,
                       BindingResult binding, HttpServletRequest request, HttpServletResponse response, Locale locale,
                       Model model, RedirectAttributes redirect) {
        return submit(FactForms.find(Target.CARRIER, fact), id, null, form, binding, request, response, locale,
                      model, redirect);
    }

    @GetMapping(TENANT_FORM)
    String tenantForm(@PathVariable String id, @PathVariable String fact, Model model) {
        return show(FactForms.find(Target.TENANT, fact), id, null, new FactForm(), Map.of(), null, model);
    }

    @PostMapping(TENANT_FORM)
    String tenantFact(@PathVariable String id, @PathVariable String fact, @ModelAttribute("form") FactForm form,
                      BindingResult binding, HttpServletRequest request, HttpServletResponse response, Locale locale,
                      Model model, RedirectAttributes redirect) {
        return submit(FactForms.find(Target.TENANT, fact), id, null, form, binding, request, response, locale,
                      model, redirect);
    }

    @GetMapping(INVESTMENT_FORM)
    String investmentForm(@PathVariable String id, @PathVariable String investmentId, @PathVariable String fact,
                          Model model) {
        return show(FactForms.find(Target.INVESTMENT, fact), id, investmentId, new FactForm(), Map.of(), null, model);
    }

    @PostMapping(INVESTMENT_FORM)
    String investmentFact(@PathVariable String id, @PathVariable String investmentId, @PathVariable String fact,
                          @ModelAttribute("form") FactForm form, BindingResult binding, HttpServletRequest request,
                          HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        return submit(FactForms.find(Target.INVESTMENT, fact), id, investmentId, form, binding, request, response,
                      locale, model, redirect);
    }

    /** A refusal of the carrier's scope goes back to Spring Security, which shows the denied page. */
    @ExceptionHandler(AccessDeniedException.class)
    void securityAnswers(AccessDeniedException e) {
        throw e;
    }

    private String submit(Optional<Definition> found, String id, String investmentId, FactForm form,
                          BindingResult binding, HttpServletRequest request, HttpServletResponse response,
                          Locale locale, Model model, RedirectAttributes redirect) {
        Definition definition = require(found, id);
        if (binding.hasErrors()) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : binding.getFieldErrors()) {
                errors.putIfAbsent(error.getField(), messages.getMessage(error, locale));
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(Optional.of(definition), id, investmentId, form, errors, null, model);
        }
        String key = form.getIdempotencyKey();
        PageCommands.Sent sent;
        try {
            Object command = definition.command().command(form, id, investmentId,
                                                          prefix -> commands.newId(request, key, prefix));
            sent = definition.admits() ? commands.admit(request, key, form, (AdmitTenant) command)
                    : commands.send(request, key, form, command,
                                    definition.target() == Target.CARRIER ? "incubatorId" : "tenantId", id);
        } catch (LedgerRejection | CommandExecutionException e) {
            LedgerRejection rejection = rejection(e);
            String rule = RuleMessages.translate(rejection.rule(), messages, locale);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return definition.field(rejection.field())
                             .map(field -> show(Optional.of(definition), id, investmentId, form,
                                                Map.of(field.property(), rule), null, model))
                             .orElseGet(() -> show(Optional.of(definition), id, investmentId, form,
                                                   Map.of(), label(rejection.field(), locale) + " " + rule, model));
        }
        String note = sent.replayed() ? "form.recorded.already"
                : projections.awaitCaughtUp(PROJECTION_WAIT) ? "form.recorded.shown" : "form.recorded.pending";
        redirect.addFlashAttribute("flash", messages.getMessage(note, null, locale));
        String tenant = definition.admits() ? sent.accepted().id() : id;
        return "redirect:" + (definition.target() == Target.CARRIER && !definition.admits() ? "/carriers/" + id
                : "/tenants/" + tenant);
    }

    private String show(Optional<Definition> found, String id, String investmentId, FactForm form,
                        Map<String, String> fieldErrors, String formError, Model model) {
        Definition definition = require(found, id);
        if (form.getIdempotencyKey() == null) {
            // Made once per showing, so that the same form sent twice is recorded once.
            form.setIdempotencyKey(UUID.randomUUID().toString());
        }
        if (definition.name().equals("investment") && form.getCurrency() == null && fieldErrors.isEmpty()) {
            form.setCurrency("CNY");
        }
        model.addAttribute("form", form);
        model.addAttribute("definition", definition);
        model.addAttribute("targetId", id);
        model.addAttribute("investmentId", investmentId);
        model.addAttribute("hub", (definition.target() == Target.CARRIER ? "/carriers/" : "/tenants/") + id
                + "/forms");
        model.addAttribute("action", switch (definition.target()) {
            case CARRIER -> "/carriers/" + id + "/forms/" + definition.name();
            case TENANT -> "/tenants/" + id + "/forms/" + definition.name();
            case INVESTMENT -> "/tenants/" + id + "/investments/" + investmentId + "/forms/" + definition.name();
        });
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("formError", formError);
        return "forms/fact";
    }

    private String label(String field, Locale locale) {
        return messages.getMessage("form.problem." + field, null, field, locale);
    }

    private static Definition require(Optional<Definition> found, String id) {
        return found.orElseThrow(() -> LedgerRejection.notFound("form", id, "there is no such form"));
    }

    private static LedgerRejection rejection(RuntimeException e) {
        if (e instanceof LedgerRejection rejection) {
            return rejection;
        }
        if (e.getCause() instanceof LedgerRejection rejection) {
            return rejection;
        }
        throw e;
    }
}
