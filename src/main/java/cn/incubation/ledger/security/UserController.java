package cn.incubation.ledger.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** The ledger's users over HTTP, for administrators: add, list, change (role, scopes, password, disabled). */
@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Who may sign in, with which role and scope (administrators only)")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @PostMapping
    @Operation(summary = "Add a user: role ADMIN, OPERATOR (with incubators), FUND_MANAGER (optionally with "
            + "investors) or ANALYST")
    ResponseEntity<UserView> add(@RequestBody Users.NewUser body) {
        UserView added = users.add(body);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                                                                 .path("/api/users/{name}")
                                                                 .buildAndExpand(added.username()).toUri())
                             .body(added);
    }

    @GetMapping
    @Operation(summary = "Every user, by username; never a password or hash")
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One user")
    UserView get(@PathVariable String name) {
        return users.get(name);
    }

    @PatchMapping("/{name}")
    @Operation(summary = "Change a user's role, scopes, password or disabled flag; fields left out keep their value")
    UserView change(@PathVariable String name, @RequestBody Users.UserChange body) {
        return users.change(name, body);
    }
}
