package cn.incubation.ledger.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page a browser sees when Spring Security refuses a page (forwarded here, whatever the method): the role, and
 * the page it may not open; or that a form's CSRF token was missing or stale.
 */
@Controller
class DeniedController {

    static final String PATH = "/denied";

    @RequestMapping(PATH)
    String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object refusal = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
        // A refusal forwarded here is a 403; the page opened by itself refuses nothing.
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
        model.addAttribute("csrf", refusal instanceof CsrfException);
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.FORWARD_REQUEST_URI);
        model.addAttribute("refusedPath", original == null ? request.getRequestURI() : original.toString());
        return "denied";
    }
}
