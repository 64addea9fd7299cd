package cn.incubation.ledger.ui.forms;

import cn.incubation.ledger.tenant.IpKind;
import cn.incubation.ledger.tenant.MilestoneKind;
import cn.incubation.ledger.tenant.Round;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an operator typed into one of the fact forms, bound by Spring with the types the API's requests have (a value
 * that does not convert is a {@code typeMismatch} beside its field). One bean for every form: each form shows the
 * fields it needs ({@link FactForms}), the others stay null. Properties are named as the API's fields, so that a
 * rejection's field names the input it concerns.
 */
public class FactForm {

    private String idempotencyKey;
    private String companyName;
    private String creditCode;
    private String teamName;
    private String sector;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate foundedOn;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate admittedOn;
    private IpKind ipKind;
    private String number;
    private String title;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate grantedOn;
    private Round round;
    private String investor;
    private BigDecimal amount;
    private String currency;
    private BigDecimal cnyRate;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate receivedOn;
    private Integer employees;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate reportedOn;
    private MilestoneKind milestoneKind;
    private String description;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate reachedOn;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate graduatedOn;
    private String criterion;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate withdrawnOn;
    private String reason;
    private BigDecimal floorAreaM2;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate changedOn;
    private Integer staff;

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getCompanyName() {
        return companyName;
    }

    public void setCompanyName(String companyName) {
        this.companyName = companyName;
    }

    public String getCreditCode() {
        return creditCode;
    }

    public void setCreditCode(String creditCode) {
        this.creditCode = creditCode;
    }

    public String getTeamName() {
        return teamName;
    }

    public void setTeamName(String teamName) {
        this.teamName = teamName;
    }

    public String getSector() {
        return sector;
    }

    public void setSector(String sector) {
        this.sector = sector;
    }

    public LocalDate getFoundedOn() {
        return foundedOn;
    }

    public void setFoundedOn(LocalDate foundedOn) {
        this.foundedOn = foundedOn;
    }

    public LocalDate getAdmittedOn() {
        return admittedOn;
    }

    public void setAdmittedOn(LocalDate admittedOn) {
        this.admittedOn = admittedOn;
    }

    public IpKind getIpKind() {
        return ipKind;
    }

    public void setIpKind(IpKind ipKind) {
        this.ipKind = ipKind;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public LocalDate getGrantedOn() {
        return grantedOn;
    }

    public void setGrantedOn(LocalDate grantedOn) {
        this.grantedOn = grantedOn;
    }

    public Round getRound() {
        return round;
    }

    public void setRound(Round round) {
        this.round = round;
    }

    public String getInvestor() {
        return investor;
    }

    public void setInvestor(String investor) {
        this.investor = investor;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public BigDecimal getCnyRate() {
        return cnyRate;
    }

    public void setCnyRate(BigDecimal cnyRate) {
        this.cnyRate = cnyRate;
    }

    public LocalDate getReceivedOn() {
        return receivedOn;
    }

    public void setReceivedOn(LocalDate receivedOn) {
        this.receivedOn = receivedOn;
    }

    public Integer getEmployees() {
        return employees;
    }

    public void setEmployees(Integer employees) {
        this.employees = employees;
    }

    public LocalDate getReportedOn() {
        return reportedOn;
    }

    public void setReportedOn(LocalDate reportedOn) {
        this.reportedOn = reportedOn;
    }

    public MilestoneKind getMilestoneKind() {
        return milestoneKind;
    }

    public void setMilestoneKind(MilestoneKind milestoneKind) {
        this.milestoneKind = milestoneKind;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public LocalDate getReachedOn() {
        return reachedOn;
    }

    public void setReachedOn(LocalDate reachedOn) {
        this.reachedOn = reachedOn;
    }

    public LocalDate getGraduatedOn() {
        return graduatedOn;
    }

    public void setGraduatedOn(LocalDate graduatedOn) {
        this.graduatedOn = graduatedOn;
    }

    public String getCriterion() {
        return criterion;
    }

    public void setCriterion(String criterion) {
        this.criterion = criterion;
    }

    public LocalDate getWithdrawnOn() {
        return withdrawnOn;
    }

    public void setWithdrawnOn(LocalDate withdrawnOn) {
        this.withdrawnOn = withdrawnOn;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public BigDecimal getFloorAreaM2() {
        return floorAreaM2;
    }

    public void setFloorAreaM2(BigDecimal floorAreaM2) {
        this.floorAreaM2 = floorAreaM2;
    }

    public LocalDate getChangedOn() {
        return changedOn;
    }

    public void setChangedOn(LocalDate changedOn) {
        this.changedOn = changedOn;
    }

    public Integer getStaff() {
        return staff;
    }

    public void setStaff(Integer staff) {
        this.staff = staff;
    }
}
