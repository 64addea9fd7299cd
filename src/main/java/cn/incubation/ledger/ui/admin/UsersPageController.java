package cn.incubation.ledger.ui.admin;

import cn.incubation.ledger.security.Role;
import cn.incubation.ledger.security.Users;
import cn.incubation.ledger.shared.LedgerRejection;
import cn.incubation.ledger.ui.forms.RuleMessages;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The users for administrators: every user with role, scopes and whether it may sign in; adding one, and disabling or
 * enabling one, through the same {@link Users} as {@code /api/users} (so the same rules, and never the last
 * administrator disabled).
 */
@Controller
class UsersPageController {

    static final String PATH = "/admin/users";

    private final Users users;
    private final MessageSource messages;

    UsersPageController(Users users, MessageSource messages) {
        this.users = users;
        this.messages = messages;
    }

    /** A new user as the administrator typed it; scopes as lists separated by commas. */
    public static class NewUserForm {
        private String username;
        private String password;
        private Role role;
        private String incubators;
        private String investors;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Role getRole() {
            return role;
        }

        public void setRole(Role role) {
            this.role = role;
        }

        public String getIncubators() {
            return incubators;
        }

        public void setIncubators(String incubators) {
            this.incubators = incubators;
        }

        public String getInvestors() {
            return investors;
        }

        public void setInvestors(String investors) {
            this.investors = investors;
        }
    }

    @InitBinder("user")
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping(PATH)
    String users(Model model) {
        return show(new NewUserForm(), Map.of(), model);
    }

    @PostMapping(PATH)
    String add(@ModelAttribute("user") NewUserForm form, BindingResult binding, Locale locale, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        if (binding.hasFieldErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(form, Map.of(binding.getFieldErrors().get(0).getField(),
                                     messages.getMessage(binding.getFieldErrors().get(0), locale)), model);
        }
        try {
            users.add(new Users.NewUser(form.getUsername(), form.getPassword(), form.getRole(),
                                        list(form.getIncubators()), list(form.getInvestors())));
        } catch (LedgerRejection e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String field = e.field().contains("[") ? e.field().substring(0, e.field().indexOf('[')) : e.field();
            form.setPassword(null);
            return show(form, Map.of(field, RuleMessages.translate(e.rule(), messages, locale)), model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("users.added", new Object[] {form.getUsername()},
                                                                locale));
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{name}/disabled")
    String disable(@PathVariable String name, @RequestParam(defaultValue = "true") boolean disabled, Locale locale,
                   RedirectAttributes redirect) {
        try {
            users.change(name, new Users.UserChange(null, null, null, null, disabled));
            redirect.addFlashAttribute("flash", messages.getMessage(disabled ? "users.disabledNow" : "users.enabledNow",
                                                                    new Object[] {name}, locale));
        } catch (LedgerRejection e) {
            redirect.addFlashAttribute("refused", RuleMessages.refusal(e, messages, locale));
        }
        return "redirect:" + PATH;
    }

    private String show(NewUserForm form, Map<String, String> fieldErrors, Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("user", form);
        model.addAttribute("roles", Role.values());
        model.addAttribute("fieldErrors", fieldErrors);
        return "admin/users";
    }

    /** Scopes typed as a list separated by commas (either kind), none when empty. */
    private static List<String> list(String typed) {
        if (typed == null) {
            return null;
        }
        return Arrays.stream(typed.split("[,，]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
