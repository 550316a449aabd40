"""The reference rows every installation needs: RIASEC types, economic sectors (VSIC
sections), the indicators of the GSO tables, and the level-II training fields."""

from django.db import migrations

RIASEC = [
    (
        "R",
        "Kỹ thuật",
        "Thích làm bằng tay, với máy móc, dụng cụ, cây trồng, vật nuôi.",
        "Người thuộc nhóm Kỹ thuật (Realistic) thích công việc thấy được kết quả cụ thể: lắp, "
        "sửa, vận hành, trồng, nuôi, xây. Họ thường khéo tay, thích vận động, làm ngoài trời "
        "hoặc trong xưởng hơn là ngồi bàn giấy lâu.",
    ),
    (
        "I",
        "Nghiên cứu",
        "Thích tìm hiểu vì sao, phân tích, giải bài toán.",
        "Người thuộc nhóm Nghiên cứu (Investigative) tò mò, thích quan sát, đo đạc, tìm nguyên "
        "nhân và cách giải quyết. Họ hợp với việc cần suy nghĩ kỹ, làm việc với số liệu, "
        "thí nghiệm, máy tính.",
    ),
    (
        "A",
        "Nghệ thuật",
        "Thích sáng tạo, vẽ, thiết kế, viết, biểu diễn.",
        "Người thuộc nhóm Nghệ thuật (Artistic) thích tự do thể hiện ý tưởng qua hình ảnh, màu "
        "sắc, âm thanh, chữ viết hay món ăn. Họ hợp với việc có chỗ cho cái mới và cái đẹp, ít "
        "khuôn mẫu.",
    ),
    (
        "S",
        "Xã hội",
        "Thích giúp đỡ, chăm sóc, hướng dẫn người khác.",
        "Người thuộc nhóm Xã hội (Social) dễ đồng cảm, kiên nhẫn, thích trò chuyện và thấy vui "
        "khi giúp được người khác: chăm sóc người bệnh, dạy, phục vụ, tư vấn.",
    ),
    (
        "E",
        "Quản lý – kinh doanh",
        "Thích thuyết phục, tổ chức, dẫn dắt, buôn bán.",
        "Người thuộc nhóm Quản lý – kinh doanh (Enterprising) năng động, dám nghĩ dám làm, thích "
        "đặt mục tiêu, bán hàng, thương lượng, điều hành một nhóm hay tự mở cơ sở riêng.",
    ),
    (
        "C",
        "Nghiệp vụ",
        "Thích công việc có quy trình, sổ sách, số liệu rõ ràng.",
        "Người thuộc nhóm Nghiệp vụ (Conventional) cẩn thận, ngăn nắp, làm đúng quy định. Họ hợp "
        "với việc ghi chép, tính toán, kiểm tra, sắp xếp hồ sơ, hàng hóa theo trình tự.",
    ),
]

SECTORS = [
    ("A", "Nông nghiệp, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing"),
    ("B", "Khai khoáng", "Mining and quarrying"),
    ("C", "Công nghiệp chế biến, chế tạo", "Manufacturing"),
    (
        "D",
        "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
        "Electricity, gas, steam and air conditioning supply",
    ),
    (
        "E",
        "Cung cấp nước; quản lý và xử lý rác thải, nước thải",
        "Water supply, sewerage, waste management and remediation activities",
    ),
    ("F", "Xây dựng", "Construction"),
    (
        "G",
        "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    ),
    ("H", "Vận tải, kho bãi", "Transportation and storage"),
    ("I", "Dịch vụ lưu trú và ăn uống", "Accommodation and food service activities"),
    ("J", "Thông tin và truyền thông", "Information and communication"),
    ("K", "Tài chính, ngân hàng và bảo hiểm", "Financial, banking and insurance activities"),
    ("L", "Kinh doanh bất động sản", "Real estate activities"),
    (
        "M",
        "Hoạt động chuyên môn, khoa học và công nghệ",
        "Professional, scientific and technical activities",
    ),
    ("N", "Hoạt động hành chính và dịch vụ hỗ trợ", "Administrative and support service activities"),
    (
        "O",
        "Hoạt động của Đảng, tổ chức chính trị – xã hội, quản lý nhà nước, an ninh quốc phòng",
        "Activities of Communist Party, socio-political organizations; public administration "
        "and defence; compulsory security",
    ),
    ("P", "Giáo dục và đào tạo", "Education and training"),
    ("Q", "Y tế và trợ giúp xã hội", "Human health and social work activities"),
    ("R", "Nghệ thuật, vui chơi và giải trí", "Arts, entertainment and recreation"),
    ("S", "Hoạt động dịch vụ khác", "Other service activities"),
    (
        "T",
        "Hoạt động làm thuê trong hộ gia đình, sản xuất tự tiêu dùng của hộ",
        "Activities of households as employers; undifferentiated goods and services producing "
        "activities of households for own use",
    ),
    ("U", "Hoạt động của các tổ chức và cơ quan quốc tế", "Activities of extraterritorial organizations and bodies"),
]

INDICATORS = [
    (
        "lao-dong-co-viec-lam",
        "Lao động có việc làm (15 tuổi trở lên)",
        "nghìn người",
        "Số người từ 15 tuổi trở lên có việc làm bình quân trong năm.",
    ),
    (
        "co-cau-lao-dong",
        "Cơ cấu lao động có việc làm",
        "%",
        "Phần trăm lao động có việc làm của mỗi ngành trong tổng số.",
    ),
    (
        "ty-le-qua-dao-tao",
        "Tỷ lệ lao động có việc làm đã qua đào tạo",
        "%",
        "Phần trăm lao động từ 15 tuổi trở lên có việc làm đã được đào tạo và có bằng, chứng chỉ.",
    ),
    (
        "thu-nhap-khu-vuc-nha-nuoc",
        "Thu nhập bình quân một tháng của lao động khu vực Nhà nước",
        "nghìn đồng",
        "Thu nhập bình quân một tháng của người lao động làm việc trong khu vực Nhà nước.",
    ),
    (
        "thu-nhap-dau-nguoi",
        "Thu nhập bình quân đầu người một tháng (giá hiện hành)",
        "nghìn đồng",
        "Thu nhập bình quân một người một tháng theo khảo sát mức sống hộ gia đình.",
    ),
    (
        "nhu-cau-lao-dong",
        "Nhu cầu lao động của doanh nghiệp",
        "người",
        "Số lao động doanh nghiệp cần tuyển trong kỳ, theo khảo sát hoặc dự báo.",
    ),
]

TRAINING_FIELDS = [
    ("14", "Khoa học giáo dục và đào tạo giáo viên"),
    ("21", "Nghệ thuật"),
    ("22", "Nhân văn"),
    ("31", "Khoa học xã hội và hành vi"),
    ("32", "Báo chí và thông tin"),
    ("34", "Kinh doanh và quản lý"),
    ("38", "Pháp luật"),
    ("42", "Khoa học sự sống"),
    ("44", "Khoa học tự nhiên"),
    ("46", "Toán và thống kê"),
    ("48", "Máy tính và công nghệ thông tin"),
    ("51", "Công nghệ kỹ thuật"),
    ("52", "Kỹ thuật"),
    ("54", "Sản xuất và chế biến"),
    ("58", "Kiến trúc và xây dựng"),
    ("62", "Nông lâm nghiệp và thủy sản"),
    ("64", "Thú y"),
    ("72", "Sức khỏe"),
    ("76", "Dịch vụ xã hội"),
    ("81", "Du lịch, khách sạn, thể thao và dịch vụ cá nhân"),
    ("84", "Dịch vụ vận tải"),
    ("85", "Môi trường và bảo vệ môi trường"),
    ("86", "An ninh, Quốc phòng"),
    ("90", "Khác"),
]


def create_rows(apps, schema_editor):
    RiasecType = apps.get_model("careers", "RiasecType")
    EconomicSector = apps.get_model("careers", "EconomicSector")
    Indicator = apps.get_model("careers", "Indicator")
    TrainingField = apps.get_model("careers", "TrainingField")
    for order, (code, name, short, explanation) in enumerate(RIASEC):
        RiasecType.objects.get_or_create(
            code=code,
            defaults={"name": name, "short": short, "explanation": explanation, "sort_order": order},
        )
    for code, name, name_en in SECTORS:
        EconomicSector.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    for order, (slug, name, unit, description) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "unit": unit, "description": description, "sort_order": order},
        )
    for code, name in TRAINING_FIELDS:
        TrainingField.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
