// Retention (issue 24): `purge` anonymises personal data past its period; `customer forget`
// (registered with the customer commands) does it for one person on request.
#include "app.hpp"
#include "secret_input.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/ops/retention.hpp>

namespace svcdesk::cli {
// Named, not anonymous: the unity build puts the command files in one translation unit.
namespace retention_cmd {

void print_result(App& app, const PurgeResult& r, bool forget) {
    app.format({"table", "json"});
    Json out = Json::object();
    if (!forget) out["dry_run"] = r.dry_run;
    if (forget) out["customer"] = r.customer ? Json("C" + std::to_string(r.customer)) : Json();
    out["tickets"] = r.tickets;
    out["callbacks"] = r.callbacks;
    out["deposits"] = r.deposits;
    out["loans"] = r.loans;
    out["customers"] = r.customers;
    app.print_record(out);
}

} // namespace retention_cmd

void register_retention_commands(CLI::App& cli, App& app) {
    auto dry_run = std::make_shared<bool>(false);
    auto* cmd = cli.add_subcommand(
        "purge", "Anonymise personal data kept past its period ([retention]); supervisor or system role");
    cmd->footer("Example (nightly, docs/cron.md): svcdesk --as cron purge\n"
                "Names, phones, ID hashes and free text go; times, categories, statuses, satisfaction,\n"
                "desks and staff stay, so reports of the past give the same figures. Audited.");
    cmd->add_flag("--dry-run", *dry_run, "Count what would be anonymised, write nothing");
    app.command(cmd, CommandInfo{Access::own, Actor::staff},
                [&app, dry_run] { retention_cmd::print_result(app, purge(app.context(), *dry_run), false); });
}

void register_forget_command(CLI::App* customer, App& app) {
    auto phone = std::make_shared<std::string>();
    auto* cmd = customer->add_subcommand(
        "forget", "Erase one person's personal data on their request (supervisor; audited)");
    cmd->footer("Example: svcdesk customer forget - <<< '138 1234 5678'\n"
                "Every ended record with the phone is anonymised, and the customer record; a record\n"
                "still open (ticket, callback, stored deposit, loan out) is refused: close it first.");
    // A positional value: "-" reads it from standard input (off argv, as App::secret does for
    // options), and it is redacted from error messages.
    cmd->add_option("phone", *phone, "Phone number in any spelling; - reads it from standard input")->required();
    app.command(cmd, CommandInfo{Access::own, Actor::supervisor}, [&app, phone] {
        if (*phone == "-") *phone = read_secret_line("phone", _("Customer's phone"));
        remember_secret(*phone);
        retention_cmd::print_result(app, forget_customer(app.context(), *phone), true);
    });
}

} // namespace svcdesk::cli
