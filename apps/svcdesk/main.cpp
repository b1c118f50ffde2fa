#include "app.hpp"

#include <svcdesk/i18n.hpp>

int main(int argc, char** argv) {
    svcdesk::init_messages();
    return svcdesk::cli::run(argc, argv);
}
