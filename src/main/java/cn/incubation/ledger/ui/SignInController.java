package cn.incubation.ledger.ui;

import cn.incubation.ledger.security.LedgerPrincipal;
import cn.incubation.ledger.security.LoginThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page (Spring Security's form login posts to {@code /login}; this shows the form, with the CSRF token
 * Thymeleaf adds), why the last attempt failed, and the home page {@code /}, which lists the pages of the role.
 */
@Controller
class SignInController {

    @GetMapping("/login")
    String login(HttpServletRequest request, Authentication authentication, Model model) {
        if (LedgerPrincipal.of(authentication).isPresent()) {
            return "redirect:/";
        }
        if (request.getParameter("error") != null) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null
                    : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof LoginThrottledException throttled) {
                model.addAttribute("throttledSeconds", throttled.retryAfterSeconds());
            } else {
                model.addAttribute("failed", true);
            }
        }
        model.addAttribute("loggedOut", request.getParameter("logout") != null);
        return "login";
    }

    /** The home page: a welcome and the pages the role may open (the layout's model gives both). */
    @GetMapping("/")
    String home() {
        return "home";
    }
}
