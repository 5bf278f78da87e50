#ifndef MONK_CYAML_SHIM_H
#define MONK_CYAML_SHIM_H
// The system libyaml (libyaml-dev), imported as is: its API has no variadic calls.
#include <yaml.h>
#endif
