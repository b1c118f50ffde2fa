# Install layout (`make install`, PREFIX and DESTDIR honoured) and the Debian package
# (`make package`, CPack). The binary's own install rule is in apps/CMakeLists.txt.
include(GNUInstallDirs)

set(svcdesk_gen ${PROJECT_BINARY_DIR}/install)

# /etc/svcdesk/config.toml: the reference configuration commented out, so that the compiled-in
# values stay in force (and `config show` names them) until an administrator uncomments a key.
file(READ ${PROJECT_SOURCE_DIR}/config/svcdesk.toml svcdesk_reference)
string(REGEX REPLACE "\n([^\n])" "\n# \\1" svcdesk_commented "\n${svcdesk_reference}")
string(REGEX REPLACE "\n# # " "\n## " svcdesk_commented "${svcdesk_commented}")
file(WRITE ${svcdesk_gen}/config.toml
  "# svcdesk site configuration: a layer over the built-in reference configuration.\n"
  "# Uncomment and edit what differs at this site; see svcdesk.toml(5), and check the result\n"
  "# with `svcdesk config check /etc/svcdesk/config.toml`.\n${svcdesk_commented}")

# Completion scripts are printed by the binary itself from its command table.
add_custom_command(
  OUTPUT ${svcdesk_gen}/svcdesk.bash ${svcdesk_gen}/_svcdesk
  # (in English whatever the builder's locale: the package is the same from every build)
  COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C LANGUAGE= sh -c "\"$1\" completion bash > \"$2\" && \"$1\" completion zsh > \"$3\""
          sh $<TARGET_FILE:svcdesk> ${svcdesk_gen}/svcdesk.bash ${svcdesk_gen}/_svcdesk
  DEPENDS svcdesk
  COMMENT "Generating the bash and zsh completion scripts"
  VERBATIM)
add_custom_target(svcdesk_completions ALL DEPENDS ${svcdesk_gen}/svcdesk.bash ${svcdesk_gen}/_svcdesk)

install(FILES ${PROJECT_SOURCE_DIR}/man/svcdesk.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/man/svcdesk.toml.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${svcdesk_gen}/svcdesk.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME svcdesk)
install(FILES README.md ARCHITECTURE.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Decided at install time, when the prefix is known (CPack installs with /usr): Debian's zsh
# reads vendor-completions under /usr, site-functions elsewhere. The binary reads the fixed
# /etc/svcdesk/config.toml; an edited one is kept and the shipped one goes next to it.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
  else()
    set(zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
  endif()
  file(INSTALL \"${svcdesk_gen}/_svcdesk\" DESTINATION \"\${zsh_dir}\")
  if(EXISTS \"\$ENV{DESTDIR}/etc/svcdesk/config.toml\")
    message(STATUS \"Keeping \$ENV{DESTDIR}/etc/svcdesk/config.toml; the shipped one is config.toml.dist\")
    file(INSTALL \"${svcdesk_gen}/config.toml\" DESTINATION /etc/svcdesk RENAME config.toml.dist)
  else()
    file(INSTALL \"${svcdesk_gen}/config.toml\" DESTINATION /etc/svcdesk)
  endif()
")

# Debian package: Depends computed by dpkg-shlibdeps; the config file is a conffile, so an
# edited /etc/svcdesk/config.toml survives upgrades.
file(WRITE ${svcdesk_gen}/debian/conffiles "/etc/svcdesk/config.toml\n")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME svcdesk)
set(CPACK_PACKAGE_VENDOR "svcdesk")
set(CPACK_PACKAGE_CONTACT "svcdesk maintainers <svcdesk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Time zones are read from /usr/share/zoneinfo (time_zone.hpp); shlibdeps cannot see that either.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
# libpq is opened at run time (dlopen) only for PostgreSQL databases, so shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libpq5")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, sqlite3")
# The shared-desk set-up (docs/deployment.md, the trust model): the package makes the group
# svcdesk and /var/lib/svcdesk (root:svcdesk, 2770); the binary becomes setgid svcdesk only when
# the administrator says so, with a statoverride that upgrades keep:
#   dpkg-statoverride --update --add root svcdesk 2755 /usr/bin/svcdesk
file(WRITE ${svcdesk_gen}/debian/postinst [=[#!/bin/sh
set -e
if [ "$1" = configure ]; then
    getent group svcdesk >/dev/null || addgroup --quiet --system svcdesk
    if [ ! -d /var/lib/svcdesk ]; then
        install -d -o root -g svcdesk -m 2770 /var/lib/svcdesk
    fi
fi
exit 0
]=])
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${svcdesk_gen}/debian/conffiles ${svcdesk_gen}/debian/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
