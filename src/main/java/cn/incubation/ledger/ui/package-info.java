/**
 * The web pages' foundation: Thymeleaf pages behind the form login, Chinese first with an English switch (locale
 * from a remembered cookie, else {@code Accept-Language}), the layout with navigation by role, the login, home, denied
 * and error pages, and helpers every page uses ({@link cn.incubation.ledger.ui.PageTimes} for the two times,
 * {@link cn.incubation.ledger.ui.PageLinks} for links that keep a page's query). Each page lives in a subpackage of
 * its own ({@code ui.overview}) and reads the ledger's services in-process, never its HTTP API.
 */
package cn.incubation.ledger.ui;
