#include "app.hpp"

int main(int argc, char** argv) { return svcdesk::cli::run(argc, argv); }
