package cn.incubation.ledger.demo;

import cn.incubation.ledger.demo.Vocabulary.Sector;
import cn.incubation.ledger.shared.CreditCode;

import java.time.LocalDate;

/** A company across its incubations (one credit code). */
final class PlannedCompany {
    CreditCode code;
    String name;
    String tradeName;
    Sector sector;
    LocalDate foundedOn;
    double headcount;
}
