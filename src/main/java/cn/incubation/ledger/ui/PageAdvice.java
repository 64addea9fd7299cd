package cn.incubation.ledger.ui;

import cn.incubation.ledger.region.UnknownRegionException;
import cn.incubation.ledger.security.LedgerPrincipal;
import cn.incubation.ledger.shared.LedgerRejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every page's layout needs (the signed-in user, the navigation for the role, the link that switches language)
 * and what a page shows when its controller fails: an error page in the reader's language, never the API's JSON. Ahead
 * of the API's {@code ProblemAdvice}, for the page controllers only.
 */
@ControllerAdvice(basePackageClasses = PageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    private final Navigation navigation;
    private final PageTimes times;

    PageAdvice(Navigation navigation, PageTimes times) {
        this.navigation = navigation;
        this.times = times;
    }

    @ModelAttribute("me")
    PageUser me(Authentication authentication) {
        return LedgerPrincipal.of(authentication).map(p -> new PageUser(p.getUsername(), p.role())).orElse(null);
    }

    @ModelAttribute("nav")
    List<Navigation.Item> nav(Authentication authentication) {
        return LedgerPrincipal.of(authentication).map(p -> navigation.forRole(p.role())).orElse(List.of());
    }

    /** The path asked for, so that the header marks the page the reader is on. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** This page in the other language: the same path and query, {@code lang} switched. */
    @ModelAttribute("otherLanguage")
    String otherLanguage(HttpServletRequest request, Locale locale) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(PageConfiguration.LANGUAGE_PARAMETER) && !name.equals("_csrf") && values.length > 0) {
                query.put(name, values[0]);
            }
        });
        return new PageLinks(request.getRequestURI(), query)
                .with(PageConfiguration.LANGUAGE_PARAMETER, "en".equals(locale.getLanguage()) ? "zh" : "en");
    }

    /**
     * Input a page did not check before it asked the ledger: the ledger's own words, as a bad request; an id the
     * ledger does not hold is a page not found, said in the reader's language.
     */
    @ExceptionHandler({LedgerRejection.class, UnknownRegionException.class})
    String rejected(RuntimeException e, Model model, HttpServletResponse response) {
        if (e instanceof LedgerRejection rejection && rejection.kind() == LedgerRejection.Kind.NOT_FOUND) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", String.valueOf(rejection.value()));
            return "error";
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("problem", e.getMessage());
        return "error";
    }

    @ExceptionHandler(Exception.class)
    String failed(Exception e, HttpServletRequest request, Model model, HttpServletResponse response) {
        log.error("The page {} failed", request.getRequestURI(), e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("failedAt", times.beijing(times.now()));
        return "error";
    }
}
