#!/bin/sh
# Stand-in for the official nginx image's entrypoint: render /etc/nginx/templates/*.template
# into /etc/nginx/conf.d/ with the environment's variables, then run nginx in the foreground.
set -e
mkdir -p /var/log/nginx /var/lib/nginx
vars=$(env | cut -d= -f1 | sed 's/^/$/' | tr '\n' ' ')
for template in /etc/nginx/templates/*.template; do
    envsubst "$vars" <"$template" >"/etc/nginx/conf.d/$(basename "$template" .template)"
done
exec nginx -g 'daemon off;'
