"""Pages of the reference data: sectors and the catalogue of acts."""

import sqlalchemy as sa
from flask import current_app, render_template, request

from penalties.auth.permissions import Permission, permission_required
from penalties.catalogue import bp
from penalties.catalogue.models import Sector
from penalties.catalogue.queries import search_acts
from penalties.extensions import db


@bp.get("/sectors")
@permission_required(Permission.MANAGE_CATALOGUE)
def sectors():
    rows = list(db.session.scalars(sa.select(Sector).order_by(Sector.code)))
    return render_template("catalogue/sectors.html", sectors=rows)


@bp.get("/acts")
@permission_required(Permission.VIEW_REFERENCE)
def acts():
    page = search_acts(
        sector=request.args.get("sector") or None,
        q=request.args.get("q"),
        cursor=request.args.get("cursor"),
        limit=current_app.config["PAGE_SIZE"],
    )
    return render_template("catalogue/acts.html", page=page)
