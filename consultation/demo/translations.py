"""The demo meeting's texts in French, Chinese and Russian (English is in the data).

Also the French, Chinese and Russian versions of its concept note, under the
English one's symbol.

Kept apart from the data modules so that editing the demo's programme and
translating it do not touch the same lines. ``load_translations`` runs after the
sessions and side events exist and before the programme versions are published,
so the published versions carry every language. A session or side event missing
here reads in English, the demo meeting's main language.
"""

from django.core.files.base import ContentFile
from modeltranslation.utils import build_localized_fieldname

from agenda.models import Document, DocumentFile, Session, SideEvent
from consultation.content_languages import columns

from .common import placeholder_pdf

MEETING = {
    "title": {
        "fr": (
            "Consultation régionale sur la coopération Sud-Sud en Asie et dans le "
            "Pacifique"
        ),
        "zh-hans": "亚洲及太平洋南南合作区域磋商会",
        "ru": (
            "Региональная консультация по сотрудничеству Юг-Юг в Азиатско-"
            "Тихоокеанском регионе"
        ),
    },
    "description": {
        "fr": (
            "De hauts fonctionnaires de toute l'Asie et du Pacifique, des partenaires "
            "de développement, des groupes de réflexion, la société civile et le "
            "secteur privé font le point sur la coopération Sud-Sud et triangulaire "
            "dans la région. La consultation adopte un résumé de la présidence qui "
            "alimentera la prochaine conférence de haut niveau des Nations Unies sur "
            "la coopération Sud-Sud."
        ),
        "zh-hans": (
            "来自亚洲及太平洋各地的高级官员、发展伙伴、智库、民间社会和私营部门"
            "共同盘点本区域的南南合作和三方合作。磋商会将通过一份主席总结，"
            "供下一次联合国南南合作高级别会议参考。"
        ),
        "ru": (
            "Старшие должностные лица из стран Азиатско-Тихоокеанского региона, "
            "партнеры по развитию, аналитические центры, гражданское общество и "
            "частный сектор подводят итоги сотрудничества Юг-Юг и трехстороннего "
            "сотрудничества в регионе. Консультация утверждает резюме Председателя, "
            "которое будет представлено следующей конференции Организации "
            "Объединенных Наций высокого уровня по сотрудничеству Юг-Юг."
        ),
    },
}

# Session titles by slug: {language: title}.
SESSION_TITLES = {
    "registration-day-1": {
        "fr": "Inscription des participants",
        "zh-hans": "与会者报到",
        "ru": "Регистрация участников",
    },
    "opening": {
        "fr": "Séance d'ouverture",
        "zh-hans": "开幕式",
        "ru": "Церемония открытия",
    },
    "group-photo-coffee": {
        "fr": "Photo de groupe et pause-café",
        "zh-hans": "集体合影和茶歇",
        "ru": "Групповое фото и перерыв на кофе",
    },
    "national-frameworks": {
        "fr": (
            "Séance 1 : Cadres politiques et institutionnels nationaux de la "
            "coopération Sud-Sud et triangulaire"
        ),
        "zh-hans": "第1场会议：南南合作和三方合作的国家政策和体制框架",
        "ru": (
            "Заседание 1. Национальные политические и институциональные основы "
            "сотрудничества Юг-Юг и трехстороннего сотрудничества"
        ),
    },
    "lunch-day-1": {"fr": "Déjeuner", "zh-hans": "午餐", "ru": "Обед"},
    "mainstreaming": {
        "fr": (
            "Séance 2 : Intégrer la coopération Sud-Sud dans les plans nationaux "
            "de développement durable"
        ),
        "zh-hans": "第2场会议：将南南合作纳入国家可持续发展规划",
        "ru": (
            "Заседание 2. Учет сотрудничества Юг-Юг в национальных планах "
            "устойчивого развития"
        ),
    },
    "coffee-day-1-pm": {"fr": "Pause-café", "zh-hans": "茶歇", "ru": "Перерыв на кофе"},
    "country-experiences": {
        "fr": "Séance 3 : Table ronde sur les expériences nationales",
        "zh-hans": "第3场会议：国家经验圆桌会议",
        "ru": "Заседание 3. Круглый стол по опыту стран",
    },
    "best-practice": {
        "fr": (
            "Séance 4 : Partager les meilleures pratiques au service du Programme 2030"
        ),
        "zh-hans": "第4场会议：分享落实《2030年议程》的最佳做法",
        "ru": (
            "Заседание 4. Обмен передовым опытом в интересах Повестки дня на "
            "период до 2030 года"
        ),
    },
    "coffee-day-2-am": {"fr": "Pause-café", "zh-hans": "茶歇", "ru": "Перерыв на кофе"},
    "resource-mobilisation": {
        "fr": "Séance 5 : Mobilisation des ressources et partenariats",
        "zh-hans": "第5场会议：资源调动和伙伴关系",
        "ru": "Заседание 5. Мобилизация ресурсов и партнерства",
    },
    "lunch-day-2": {"fr": "Déjeuner", "zh-hans": "午餐", "ru": "Обед"},
    "dg-forum": {
        "fr": (
            "Premier Forum des directeurs généraux chargés de la coopération Sud-Sud"
        ),
        "zh-hans": "首届南南合作总干事论坛",
        "ru": "Первый форум генеральных директоров по сотрудничеству Юг-Юг",
    },
    "stakeholders": {
        "fr": (
            "Séance 6 : Groupes de réflexion, société civile et secteur privé en "
            "tant que partenaires"
        ),
        "zh-hans": "第6场会议：作为合作伙伴的智库、民间社会和私营部门",
        "ru": (
            "Заседание 6. Аналитические центры, гражданское общество и частный "
            "сектор как партнеры"
        ),
    },
    "coffee-day-2-pm": {"fr": "Pause-café", "zh-hans": "茶歇", "ru": "Перерыв на кофе"},
    "digital-sti": {
        "fr": ("Séance 7 : Coopération numérique, science, technologie et innovation"),
        "zh-hans": "第7场会议：数字合作、科学、技术和创新",
        "ru": "Заседание 7. Цифровое сотрудничество, наука, техника и инновации",
    },
    "way-forward": {
        "fr": (
            "Séance 8 : La voie à suivre vers la conférence de haut niveau des "
            "Nations Unies sur la coopération Sud-Sud"
        ),
        "zh-hans": "第8场会议：迈向联合国南南合作高级别会议的前进方向",
        "ru": (
            "Заседание 8. Дальнейшие шаги к конференции Организации Объединенных "
            "Наций высокого уровня по сотрудничеству Юг-Юг"
        ),
    },
    "coffee-day-3": {"fr": "Pause-café", "zh-hans": "茶歇", "ru": "Перерыв на кофе"},
    "chairs-summary": {
        "fr": "Examen et adoption du résumé de la présidence",
        "zh-hans": "审议和通过主席总结",
        "ru": "Рассмотрение и утверждение резюме Председателя",
    },
    "closing": {
        "fr": "Séance de clôture",
        "zh-hans": "闭幕式",
        "ru": "Церемония закрытия",
    },
    "report-launch-good-practices": {
        "fr": (
            "Lancement du rapport : « La coopération Sud-Sud en action », bonnes "
            "pratiques"
        ),
        "zh-hans": "报告发布：《南南合作在行动》良好做法",
        "ru": "Презентация доклада «Сотрудничество Юг-Юг в действии»: передовой опыт",
    },
}

# The second version's title of session 2 (programme.REVISED_TITLE).
REVISED_TITLES = {
    "fr": (
        "Séance 2 : Intégrer la coopération Sud-Sud dans les plans et budgets "
        "nationaux de développement"
    ),
    "zh-hans": "第2场会议：将南南合作纳入国家发展规划和预算",
    "ru": (
        "Заседание 2. Учет сотрудничества Юг-Юг в национальных планах развития и "
        "бюджетах"
    ),
}

# Side events by their session's slug: organiser and description.
SIDE_EVENTS = {
    "dg-forum": {
        "organiser": {
            "fr": (
                "Bureau des Nations Unies pour la coopération Sud-Sud (UNOSSC), avec "
                "l'Agence thaïlandaise de coopération internationale (TICA)"
            ),
            "zh-hans": "联合国南南合作办公室（UNOSSC）与泰国国际合作署（TICA）",
            "ru": (
                "Управление Организации Объединенных Наций по сотрудничеству Юг-Юг "
                "(УСЮЮ) совместно с Таиландским агентством международного "
                "сотрудничества (ТИКА)"
            ),
        },
        "description": {
            "fr": (
                "Première réunion des directeurs généraux des agences nationales de "
                "coopération Sud-Sud et triangulaire d'Asie et du Pacifique. À huis "
                "clos, sur invitation : les chefs d'agence comparent la manière dont "
                "ils planifient, financent et rendent compte de leur coopération, et "
                "conviennent de se réunir chaque année."
            ),
            "zh-hans": (
                "亚洲及太平洋各国南南合作和三方合作机构总干事首次会议。"
                "闭门会议，凭邀请参加：各机构负责人比较各自规划、资助和报告合作的方式，"
                "并商定每年举行会议。"
            ),
            "ru": (
                "Первое совещание генеральных директоров национальных агентств по "
                "сотрудничеству Юг-Юг и трехстороннему сотрудничеству Азиатско-"
                "Тихоокеанского региона. Закрытое, по приглашениям: руководители "
                "агентств сравнивают, как они планируют, финансируют свое "
                "сотрудничество и отчитываются о нем, и договариваются встречаться "
                "ежегодно."
            ),
        },
    },
    "report-launch-good-practices": {
        "organiser": {
            "fr": "CESAP et Bureau des Nations Unies pour la coopération Sud-Sud",
            "zh-hans": "亚太经社会和联合国南南合作办公室",
            "ru": (
                "ЭСКАТО и Управление Организации Объединенных Наций по "
                "сотрудничеству Юг-Юг"
            ),
        },
        "description": {
            "fr": (
                "Lancement de *La coopération Sud-Sud en action : bonnes pratiques "
                "d'Asie et du Pacifique*, avec trois de ses auteurs, autour d'un "
                "déjeuner léger. Ouvert à tous les délégués : cochez-le sur le "
                "formulaire d'inscription."
            ),
            "zh-hans": (
                "发布《南南合作在行动：亚洲及太平洋良好做法》，三位作者出席，"
                "并备有简餐。欢迎所有代表参加：请在登记表上勾选。"
            ),
            "ru": (
                "Презентация издания *«Сотрудничество Юг-Юг в действии: передовой "
                "опыт Азиатско-Тихоокеанского региона»* с участием трех его авторов "
                "за легким обедом. Открыто для всех делегатов: отметьте его в "
                "регистрационной форме."
            ),
        },
    },
}


# Documents by symbol: their titles, and the language versions the demo prints
# beside the English one (a placeholder PDF with the translated title and text).
DOCUMENTS = {
    "ESCAP/SSC/2026/1": {
        "title": {
            "fr": "Note conceptuelle",
            "zh-hans": "概念说明",
            "ru": "Концептуальная записка",
        },
        "versions": {
            "fr": [
                "Objet : faire le point sur la coopération Sud-Sud et triangulaire en "
                "Asie et dans le Pacifique.",
                "Résultat attendu : un résumé de la présidence adopté le dernier jour.",
            ],
            "zh": [
                "目的：盘点亚洲及太平洋的南南合作和三方合作。",
                "预期成果：最后一天通过主席总结。",
            ],
            "ru": [
                "Цель: подвести итоги сотрудничества Юг-Юг и трехстороннего "
                "сотрудничества в Азиатско-Тихоокеанском регионе.",
                "Ожидаемый результат: резюме Председателя, утвержденное в последний "
                "день.",
            ],
        },
    },
    "ESCAP/SSC/2026/L.1": {
        "title": {
            "fr": "Ordre du jour provisoire",
            "zh-hans": "临时议程",
            "ru": "Предварительная повестка дня",
        },
        "versions": {},
    },
}
# A document version's language (agenda.enums.Language) to the interface's.
INTERFACE_LANGUAGE = {"fr": "fr", "zh": "zh-hans", "ru": "ru"}


def _give(instance, field_name, texts):
    """Set the translations of ``texts`` on ``instance``; its English stays."""
    for column, text in columns(field_name, texts).items():
        if text is not None:
            setattr(instance, column, text)


def load_translations(meeting):
    """Give the demo meeting, its sessions and side events their translations."""
    for field_name, texts in MEETING.items():
        _give(meeting, field_name, texts)
    meeting.save()
    for session in Session.objects.filter(meeting=meeting, slug__in=SESSION_TITLES):
        _give(session, "title", SESSION_TITLES[session.slug])
        session.save()
    side_events = SideEvent.objects.filter(
        session__meeting=meeting, session__slug__in=SIDE_EVENTS
    ).select_related("session")
    for side_event in side_events:
        for field_name, texts in SIDE_EVENTS[side_event.session.slug].items():
            _give(side_event, field_name, texts)
        side_event.save()
    documents = Document.objects.filter(meeting=meeting, symbol__in=DOCUMENTS)
    for document in documents:
        translation = DOCUMENTS[document.symbol]
        _give(document, "title", translation["title"])
        document.save()
        for language, lines in translation["versions"].items():
            _load_version(meeting, document, language, lines)


def _load_version(meeting, document, language, lines):
    if document.files.filter(language=language).exists():
        return
    title = translation_of(document, INTERFACE_LANGUAGE[language])
    version = DocumentFile(document=document, language=language)
    version.file.save(
        f"{document.symbol}-{language}.pdf",
        ContentFile(placeholder_pdf(meeting, document.symbol, title, lines)),
        save=False,
    )
    version.save()


def translation_of(document, language):
    return getattr(document, build_localized_fieldname("title", language))


def revise_translations(session):
    """Give session 2 its revised title in every language, as its English has."""
    _give(session, "title", REVISED_TITLES)
