package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.incubator.IncubatorCommands.ChangeFloorArea;
import cn.incubation.ledger.incubator.IncubatorCommands.ReportStaff;
import cn.incubation.ledger.shared.CreditCode;
import cn.incubation.ledger.shared.Money;
import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.MilestoneKind;
import cn.incubation.ledger.tenant.Round;
import cn.incubation.ledger.tenant.TenantCommands.AdmitTenant;
import cn.incubation.ledger.tenant.TenantCommands.CorrectInvestment;
import cn.incubation.ledger.tenant.TenantCommands.GrantIp;
import cn.incubation.ledger.tenant.TenantCommands.GraduateTenant;
import cn.incubation.ledger.tenant.TenantCommands.LogMilestone;
import cn.incubation.ledger.tenant.TenantCommands.ReceiveInvestment;
import cn.incubation.ledger.tenant.TenantCommands.ReportHeadcount;
import cn.incubation.ledger.tenant.TenantCommands.RetractInvestment;
import cn.incubation.ledger.tenant.TenantCommands.WithdrawTenant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The facts an operator records through the pages, one form each: what it concerns (a carrier, a tenant, or one of a
 * tenant's investments), its fields, and the command it becomes, the same command the API's controller builds from
 * the same fields (the commands validate themselves; nothing is checked here).
 */
final class FactForms {

    /** What a form's path names. */
    enum Target { CARRIER, TENANT, INVESTMENT }

    /** How a field is typed: a line of text, a date, a number, a choice, or a paragraph. */
    enum Input { TEXT, DATE, NUMBER, CHOICE, PARAGRAPH }

    /**
     * One input: the form property, the field the ledger's rejections name it by, how it is typed, the choices of a
     * {@code CHOICE} (with the message key prefix that names them), and whether it may stay empty.
     */
    record Field(String property, String apiField, Input input, List<String> choices, String choicePrefix,
                 boolean optional) {

        static Field text(String property) {
            return new Field(property, property, Input.TEXT, List.of(), null, false);
        }

        static Field date(String property) {
            return new Field(property, property, Input.DATE, List.of(), null, false);
        }

        static Field number(String property) {
            return new Field(property, property, Input.NUMBER, List.of(), null, false);
        }

        static Field paragraph(String property) {
            return new Field(property, property, Input.PARAGRAPH, List.of(), null, false);
        }

        static Field choice(String property, String apiField, Enum<?>[] values, String prefix) {
            return new Field(property, apiField, Input.CHOICE, Arrays.stream(values).map(Enum::name).toList(), prefix,
                             false);
        }

        Field orEmpty() {
            return new Field(property, apiField, input, choices, choicePrefix, true);
        }
    }

    /** Builds a form's command: the form, the id in its path, the investment's id (or null), new ids by prefix. */
    interface CommandOf {
        Object command(FactForm form, String id, String investmentId, Function<String, String> newId);
    }

    /** One form: its name in the path, what it concerns, its fields in order, and its command. */
    record Definition(String name, Target target, List<Field> fields, CommandOf command) {

        /** The input a rejection's field names, if the form has it. */
        Optional<Field> field(String apiField) {
            return fields.stream().filter(f -> f.apiField().equals(apiField)).findFirst();
        }

        /** Whether the command creates the tenant (an admission), rather than adding to one. */
        boolean admits() {
            return name.equals(ADMISSION);
        }
    }

    static final String ADMISSION = "admission";

    static final List<Definition> ALL = List.of(
            new Definition(ADMISSION, Target.CARRIER,
                           // A company's fields are required of a company and left empty by a team: the hints say
                           // so, and the command decides which the operator meant.
                           List.of(Field.text("companyName"), Field.text("creditCode"),
                                   Field.text("teamName").orEmpty(), Field.text("sector"),
                                   Field.date("foundedOn"), Field.date("admittedOn")),
                           (f, id, inv, newId) -> new AdmitTenant(newId.apply("ten"), id, f.getCompanyName(),
                                                                  f.getCreditCode() == null ? null
                                                                          : new CreditCode(f.getCreditCode()),
                                                                  f.getTeamName(), f.getSector(), f.getFoundedOn(),
                                                                  f.getAdmittedOn(), null)),
            new Definition("floor-area", Target.CARRIER,
                           List.of(Field.number("floorAreaM2"), Field.date("changedOn")),
                           (f, id, inv, newId) -> new ChangeFloorArea(id, f.getFloorAreaM2(), f.getChangedOn(), null)),
            new Definition("staff", Target.CARRIER,
                           List.of(Field.number("staff"), Field.date("reportedOn")),
                           (f, id, inv, newId) -> new ReportStaff(id, f.getStaff(), f.getReportedOn(), null)),
            new Definition("ip-grant", Target.TENANT,
                           List.of(Field.choice("ipKind", "kind", IpKind.values(), "ipKind"), Field.text("number"),
                                   Field.text("title"), Field.date("grantedOn")),
                           (f, id, inv, newId) -> new GrantIp(id, f.getIpKind(), f.getNumber(), f.getTitle(),
                                                              f.getGrantedOn(), null)),
            new Definition("investment", Target.TENANT,
                           List.of(Field.choice("round", "round", Round.values(), "round"), Field.text("investor"),
                                   Field.number("amount"), Field.text("currency"),
                                   Field.number("cnyRate").orEmpty(), Field.date("receivedOn")),
                           (f, id, inv, newId) -> new ReceiveInvestment(id, newId.apply("inv"), f.getRound(),
                                                                        f.getInvestor(),
                                                                        new Money(f.getAmount(), f.getCurrency(),
                                                                                  f.getCnyRate()),
                                                                        f.getReceivedOn(), null)),
            new Definition("headcount", Target.TENANT,
                           List.of(Field.number("employees"), Field.date("reportedOn")),
                           (f, id, inv, newId) -> new ReportHeadcount(id, f.getEmployees(), f.getReportedOn(), null)),
            new Definition("milestone", Target.TENANT,
                           List.of(Field.choice("milestoneKind", "kind", MilestoneKind.values(), "milestoneKind"),
                                   Field.paragraph("description"), Field.date("reachedOn")),
                           (f, id, inv, newId) -> new LogMilestone(id, f.getMilestoneKind(), f.getDescription(),
                                                                   f.getReachedOn(), null)),
            new Definition("graduation", Target.TENANT,
                           List.of(Field.date("graduatedOn"), Field.paragraph("criterion")),
                           (f, id, inv, newId) -> new GraduateTenant(id, f.getGraduatedOn(), f.getCriterion(), null)),
            new Definition("withdrawal", Target.TENANT,
                           List.of(Field.date("withdrawnOn"), Field.paragraph("reason")),
                           (f, id, inv, newId) -> new WithdrawTenant(id, f.getWithdrawnOn(), f.getReason(), null)),
            new Definition("correction", Target.INVESTMENT,
                           List.of(Field.choice("round", "round", Round.values(), "round").orEmpty(),
                                   Field.text("investor").orEmpty(), Field.number("amount").orEmpty(),
                                   Field.text("currency").orEmpty(), Field.number("cnyRate").orEmpty(),
                                   Field.date("receivedOn").orEmpty(), Field.paragraph("reason")),
                           (f, id, inv, newId) -> new CorrectInvestment(id, inv, f.getRound(), f.getInvestor(),
                                                                        f.getAmount(), f.getCurrency(), f.getCnyRate(),
                                                                        f.getReceivedOn(), f.getReason(), null)),
            new Definition("retraction", Target.INVESTMENT,
                           List.of(Field.paragraph("reason")),
                           (f, id, inv, newId) -> new RetractInvestment(id, inv, f.getReason(), null)));

    private FactForms() {
    }

    /** The form of this name about this kind of target, if there is one. */
    static Optional<Definition> find(Target target, String name) {
        return ALL.stream().filter(d -> d.target() == target && d.name().equals(name)).findFirst();
    }

    static List<Definition> of(Target target) {
        return ALL.stream().filter(d -> d.target() == target).toList();
    }
}
