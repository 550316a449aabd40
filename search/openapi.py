"""The OpenAPI 3.1 document of the search API, generated from the kind definitions so it
cannot drift from what the endpoints accept."""

from search.contract import MAX_PAGE, MAX_VALUES_PER_FACET, PAGE_PARAM, QUERY_PARAM, SORT_PARAM
from search.kinds import kinds
from search.text import MAX_QUERY_LENGTH


def _parameters(kind):
    parameters = [
        {
            "name": QUERY_PARAM,
            "in": "query",
            "description": "Từ khóa, có hoặc không dấu (ví dụ: dien cong nghiep, CNTT).",
            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        }
    ]
    for facet in kind.facets:
        parameters.append(
            {
                "name": facet.param,
                "in": "query",
                "description": f"{facet.label} (chọn nhiều: lặp lại tham số).",
                "style": "form",
                "explode": True,
                "schema": {
                    "type": "array",
                    "maxItems": MAX_VALUES_PER_FACET,
                    "items": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$"},
                },
            }
        )
    parameters += [
        {
            "name": SORT_PARAM,
            "in": "query",
            "schema": {"type": "string", "enum": [sort.key for sort in kind.sorts]},
        },
        {
            "name": PAGE_PARAM,
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        },
    ]
    return parameters


RESULT_SCHEMA = {
    "type": "object",
    "required": ["kind", "query", "total", "page", "num_pages", "hits", "facets"],
    "properties": {
        "kind": {"type": "string"},
        "query": {"type": "string"},
        "sort": {"type": "string"},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "total": {"type": "integer"},
        "num_pages": {"type": "integer"},
        "approximate": {
            "type": "boolean",
            "description": "Không có kết quả chứa mọi từ đã gõ; đây là kết quả gần đúng.",
        },
        "engine": {"type": "string", "enum": ["database", "elasticsearch"]},
        "filters": {"type": "object", "additionalProperties": {"type": "array"}},
        "hits": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "url"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "summary": {"type": "string"},
                },
                "additionalProperties": True,
            },
        },
        "facets": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "label": {"type": "string"},
                    "options": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "value": {"type": "string"},
                                "label": {"type": "string"},
                                "count": {"type": "integer"},
                                "selected": {"type": "boolean"},
                            },
                        },
                    },
                },
            },
        },
    },
}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "array", "items": {"type": "string"}}},
}


def openapi_document(request=None):
    paths = {}
    for kind in kinds():
        paths[f"/api/search/{kind.name}/"] = {
            "get": {
                "operationId": f"search_{kind.name}",
                "summary": f"Tìm {kind.noun} có bộ lọc (facet)",
                "description": (
                    "Cùng tham số với trang /tim-kiem/. Giá trị trong một bộ lọc là HOẶC, "
                    "giữa các bộ lọc là VÀ; số đếm của mỗi bộ lọc tính mọi bộ lọc khác "
                    "nhưng không tính chính nó."
                ),
                "parameters": _parameters(kind),
                "responses": {
                    "200": {
                        "description": "Kết quả",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Result"}}
                        },
                    },
                    "400": {
                        "description": "Tham số không hợp lệ",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                },
            }
        }
    paths["/api/search/suggest/"] = {
        "get": {
            "operationId": "search_suggest",
            "summary": "Gợi ý khi đang gõ",
            "parameters": [
                {"name": QUERY_PARAM, "in": "query", "schema": {"type": "string"}},
                {
                    "name": "loai",
                    "in": "query",
                    "schema": {"type": "string", "enum": [kind.param for kind in kinds()]},
                },
            ],
            "responses": {"200": {"description": "Tối đa 8 gợi ý (title, url)"}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hướng nghiệp – API tìm kiếm",
            "version": "1.0.0",
            "description": "Tìm nghề và chương trình đào tạo, với bộ lọc và số đếm.",
        },
        "paths": paths,
        "components": {"schemas": {"Result": RESULT_SCHEMA, "Error": ERROR_SCHEMA}},
    }
